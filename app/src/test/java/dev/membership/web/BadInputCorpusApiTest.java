package dev.membership.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.WriteEndpoints;
import dev.membership.support.WriteEndpoints.Endpoint;
import dev.membership.support.WriteEndpoints.Field;
import dev.membership.support.WriteEndpoints.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad requests against every write endpoint of every dialect and the native API, sent by callers
 * who may use them, and bad paging parameters against the lists: each is answered with a 4xx in the dialect's
 * own error shape, and not one event is written by any of them.
 */
class BadInputCorpusApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    record Case(String what, String method, String path, String token, String contentType, String body) {
    }

    @Test
    void everyBadRequestIsRefusedWithAClientErrorInItsDialectsShape_andWritesNothing() {
        WriteEndpoints.Fixture fixture = writeFixture();
        List<Case> corpus = new ArrayList<>();
        for (Endpoint endpoint : WriteEndpoints.of(fixture)) {
            corpus.addAll(badIds(endpoint));
            if (endpoint.takesBody()) {
                corpus.addAll(badDocuments(endpoint));
                corpus.addAll(badContentTypes(endpoint));
                for (Field field : endpoint.fields()) {
                    corpus.addAll(badValues(endpoint, field));
                }
            }
        }
        corpus.addAll(badPaging(fixture));

        System.out.printf("Bad-input corpus: %d requests%n", corpus.size());
        long eventsBefore = allEvents();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Case bad : corpus) {
            HttpResult result = http.as(bad.token()).header("Content-Type", bad.contentType())
                    .send(bad.method(), bad.path(), bad.body());
            String problem = ErrorShapes.problemWith(bad.path(), result);
            if (problem != null) {
                failures.put(bad.method() + " " + abbreviate(bad.path()) + " with " + bad.what(), problem);
            }
        }

        assertThat(failures).as("requests not refused with a 4xx in their dialect's shape:%n%s", String.join("\n",
                failures.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList())).isEmpty();
        assertThat(allEvents()).as("events written by bad requests").isEqualTo(eventsBefore);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
    }

    /** Ids in the path that are not ids, or not canonical ones. */
    private static List<Case> badIds(Endpoint endpoint) {
        List<Case> cases = new ArrayList<>();
        String last = endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
        boolean idLast = last.length() >= 32 || endpoint.name().equals("directory");
        String path = idLast ? endpoint.path() : endpoint.path().substring(0, endpoint.path().lastIndexOf('/'));
        if (!idLast && !path.substring(path.lastIndexOf('/') + 1).matches("[0-9a-f-]{32,36}")) {
            return cases;
        }
        String suffix = idLast ? "" : endpoint.path().substring(endpoint.path().lastIndexOf('/'));
        String base = path.substring(0, path.lastIndexOf('/') + 1);
        String uuid = UUID.randomUUID().toString();
        List<String> ids = endpoint.name().equals("directory")
                ? List.of("-leading-dash", "%20spaced", "x".repeat(300), "%F0%9F%98%80", "%7Bbraced%7D", "a%2Fb", "%C3%28", "%00")
                : List.of("not-an-id", "1-1-1-1-1", uuid + "0", uuid.substring(1), "%7B" + uuid + "%7D", "%20" + uuid,
                        "x".repeat(300), "%F0%9F%98%80", "-1", "0x" + uuid.replace("-", ""));
        for (String id : ids) {
            cases.add(new Case("path id " + id, endpoint.method(), base + id + suffix, endpoint.token(), "application/json",
                    endpoint.validBody()));
        }
        return cases;
    }

    /** Bodies that are not the JSON document the endpoint reads. */
    private static List<Case> badDocuments(Endpoint endpoint) {
        String valid = endpoint.validBody();
        List<String> bodies = new ArrayList<>(List.of("", "{", "}", "[", "{\"", "{\"a\":}", "{'name': 'x'}", "{\"a\": 1,}",
                "[1, 2", "nul", "{} {}", valid + "garbage", "\u0000", "{\"a\": \"\\x\"}", "/* note */ " + valid,
                "{\"a\": 01}", "{\"a\": NaN}", "\"unterminated", "\ufeff\ufeff" + valid,
                valid.substring(0, 1), valid.substring(0, valid.length() / 3), valid.substring(0, valid.length() / 2),
                valid.substring(0, valid.length() - 1),
                "null", "\"text\"", "42", "true", "-1e999999",
                "{\"x\": " + "[".repeat(3000) + "]".repeat(3000) + "}"));
        bodies.addAll(endpoint.arrayBody() ? List.of("{}", "[[]]", "[42]", "[null]") : List.of("[]", "[" + valid + "]"));
        if (!endpoint.arrayBody()) {
            String first = endpoint.body().fieldNames().next();
            bodies.add("{\"" + first + "\": 1, \"" + first + "\": 2}");
            bodies.add(valid.substring(0, valid.length() - 1) + ", \"padding\": \"" + "x".repeat(1_200_000) + "\"}");
        } else {
            bodies.add("[" + "{\"id\": \"" + UUID.randomUUID() + "\"},".repeat(30_000) + "{}]");
            String first = endpoint.body().get(0).toString();
            bodies.add("[" + first + ", " + first + "]");
        }
        List<Case> cases = new ArrayList<>();
        for (String body : bodies) {
            cases.add(new Case("body " + abbreviate(body), endpoint.method(), endpoint.path(), endpoint.token(),
                    "application/json", body));
        }
        return cases;
    }

    private static List<Case> badContentTypes(Endpoint endpoint) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> bodies = Map.of("text/plain", endpoint.validBody(), "application/xml", "<users/>",
                "application/x-www-form-urlencoded", "name=x", "application/octet-stream", endpoint.validBody(),
                "multipart/form-data; boundary=x", "--x--");
        bodies.forEach((type, body) -> cases.add(new Case("content type " + type, endpoint.method(), endpoint.path(),
                endpoint.token(), type, body)));
        return cases;
    }

    /** The valid body with one field replaced by each bad value of its kind. */
    private static List<Case> badValues(Endpoint endpoint, Field field) {
        List<Case> cases = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>(badValuesOf(field.kind()));
        JsonNode current = endpoint.body().at(field.pointer());
        if (current.isArray() && !current.isEmpty()) {
            values.add(NODES.arrayNode().add(current.get(0)).add(current.get(0)));
        }
        for (JsonNode value : values) {
            JsonNode body = endpoint.body();
            put(body, field.pointer(), value);
            cases.add(new Case(field.pointer() + " = " + abbreviate(value.toString()), endpoint.method(), endpoint.path(),
                    endpoint.token(), "application/json", escapeNonAscii(body.toString())));
        }
        return cases;
    }

    static List<JsonNode> badValuesOf(Kind kind) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.numberNode(42), NODES.booleanNode(true), NODES.objectNode()));
        switch (kind) {
            case NAME, OPTIONAL_NAME, TEXT -> {
                values.add(NODES.arrayNode().add("x"));
                values.add(NODES.numberNode(new java.math.BigDecimal("1e400")));
                for (String text : List.of("x".repeat(1001), "y".repeat(100_000), "A\u0000B", "\u001b[31mred", "bell\u0007",
                        "lone \ud800 surrogate", "lone \udc00 low", "\u202eevil", "\ufffe", "\uffff", "\u0085next",
                        "\ufdd0", "isolate \u2066x\u2069")) {
                    values.add(NODES.textNode(text));
                }
                if (kind != Kind.TEXT) {
                    for (String text : List.of("tab\tname", "line\nbreak", "carriage\rreturn", "para\u2029graph")) {
                        values.add(NODES.textNode(text));
                    }
                }
                if (kind == Kind.NAME) {
                    for (String text : List.of("", "   ", "\u3000", "x".repeat(201))) {
                        values.add(NODES.textNode(text));
                    }
                }
                if (kind != Kind.TEXT) { // a name that is given shows a visible character, required or not
                    values.add(NODES.textNode("\u200b\u200b"));
                    values.add(NODES.textNode("\u200b"));
                    for (String blank : List.of("\u034f", "\ufe0f", "\u0301", "\u3164", "\u2800")) {
                        values.add(NODES.textNode(blank)); // characters that draw nothing by themselves
                    }
                }
            }
            case EMAIL -> {
                values.add(NODES.arrayNode().add("a@b.test"));
                for (String text : List.of("", "   ", "plain", "a@", "@acme.test", "a@@acme.test", "a b@acme.test",
                        "a@acme.test\nBcc: x@y.test", "a\u0000@acme.test", "x".repeat(250) + "@acme.test",
                        "a@" + "d".repeat(300) + ".test", "lone\ud800@acme.test", "\u202eacme@acme.test", "a@acme.test,b@acme.test",
                        "<a@acme.test>", "a@acme..test")) {
                    values.add(NODES.textNode(text));
                }
                values.add(NODES.nullNode());
            }
            case ID -> {
                String uuid = UUID.randomUUID().toString();
                for (String text : List.of("", "not-an-id", "1-1-1-1-1", uuid + "0", uuid.substring(1), "{" + uuid + "}",
                        " " + uuid, uuid.replace("-", "") + "zz", "00000000-0000-0000-0000-00000000000g", "x".repeat(10_000),
                        "\u0000")) {
                    values.add(NODES.textNode(text));
                }
                values.add(NODES.numberNode(-1));
                values.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999999999999")));
            }
            case ID_LIST, STRING_LIST -> {
                values.add(NODES.textNode("not-a-list"));
                ArrayNode withNull = NODES.arrayNode();
                withNull.addNull();
                values.add(withNull);
                values.add(NODES.arrayNode().add(42));
                values.add(NODES.arrayNode().add(NODES.objectNode().put("id", UUID.randomUUID().toString())));
                values.add(NODES.arrayNode().add(""));
                values.add(NODES.arrayNode().add("x".repeat(5_000)));
                values.add(NODES.arrayNode().add("lone \ud800"));
                values.add(NODES.arrayNode().add("a\u0000b"));
                values.add(NODES.arrayNode().add("bell\u0007"));
                if (kind == Kind.ID_LIST) {
                    String uuid = UUID.randomUUID().toString();
                    values.add(NODES.arrayNode().add("not-an-id"));
                    values.add(NODES.arrayNode().add("1-1-1-1-1"));
                    values.add(NODES.arrayNode().add(uuid).add(uuid));
                    ArrayNode tooMany = NODES.arrayNode();
                    for (int i = 0; i < 10_001; i++) {
                        tooMany.add(new UUID(i, i).toString());
                    }
                    values.add(tooMany);
                } else {
                    values.add(NODES.arrayNode().add("same-id").add("same-id"));
                    ArrayNode tooMany = NODES.arrayNode();
                    for (int i = 0; i < 101; i++) {
                        tooMany.add("link-" + i);
                    }
                    values.add(tooMany);
                }
            }
            case BOOLEAN -> {
                values.remove(1);
                values.add(NODES.textNode("yes"));
                values.add(NODES.nullNode());
                values.add(NODES.arrayNode().add(true));
            }
            case OBJECT_LIST -> {
                values.add(NODES.textNode("not-a-list"));
                values.add(NODES.arrayNode().add("x"));
                ArrayNode withNull = NODES.arrayNode();
                withNull.addNull();
                values.add(withNull);
                values.add(NODES.arrayNode().add(NODES.objectNode().put("unexpected", true)));
            }
        }
        return values;
    }

    /** Paging and filter parameters that are out of range or of the wrong type. */
    private static List<Case> badPaging(WriteEndpoints.Fixture f) {
        String evo = "/workspace/orgs/" + f.org() + "/members";
        String doc = "/docspace/" + f.org() + "/api/2.0/group";
        String cf = "/client/v4/accounts/" + WriteEndpoints.hex(f.org());
        String v1 = "/v1/organizations/" + f.org();
        List<String> paths = new ArrayList<>();
        for (String list : List.of(evo + "/users", evo + "/invitations")) {
            for (String query : List.of("limit=0", "limit=-1", "limit=1001", "limit=99999999999999999999", "limit=abc",
                    "offset=-1", "offset=1e3", "offset=99999999999999999999", "limit=%00")) {
                paths.add(list + "?" + query);
            }
        }
        for (String query : List.of("count=-1", "count=abc", "startIndex=-1", "startIndex=99999999999999999999",
                "sortOrder=sideways", "userId=not-an-id", "count=1e3")) {
            paths.add(doc + "?" + query);
        }
        for (String list : List.of(cf + "/members", cf + "/iam/user_groups", cf + "/iam/user_groups/" + WriteEndpoints.hex(f.groupId())
                + "/members")) {
            for (String query : List.of("page=0", "page=-1", "page=abc", "per_page=0", "per_page=-5", "per_page=100000",
                    "per_page=99999999999999999999", "direction=sideways")) {
                paths.add(list + "?" + query);
            }
        }
        for (String query : List.of("after=-1", "after=abc", "limit=0", "limit=100000", "from=yesterday", "to=2026-13-45T00:00:00Z",
                "type=" + "x".repeat(200), "actor=" + "a".repeat(300))) {
            paths.add(v1 + "/audit?" + query);
        }
        for (String query : List.of("asOf=yesterday", "asOf=-1", "asOf=99999-01-01T00:00:00Z", "asOf=%2B300000-01-01T00:00:00Z",
                "asOf=-5000-01-01T00:00:00Z", "asOf=%2B1000000000-01-01T00:00:00Z")) {
            paths.add(v1 + "/members?" + query);
            paths.add(v1 + "/groups/" + f.groupId() + "/members?" + query);
        }
        for (String query : List.of("from=%2B300000-01-01T00:00:00Z", "to=-5000-01-01T00:00:00Z")) {
            paths.add(v1 + "/audit?" + query);
        }
        // free text in a query, which reaches the database: NUL (which PostgreSQL refuses in text) and other controls
        for (String text : List.of("a%00b", "%00", "bell%07", "next%C2%85line")) {
            paths.add(v1 + "/audit?actor=" + text);
            paths.add(cf + "/iam/user_groups?name=" + text);
            paths.add(cf + "/iam/user_groups?fuzzyName=" + text);
            paths.add(cf + "/iam/user_groups/" + WriteEndpoints.hex(f.groupId()) + "/members?fuzzyEmail=" + text);
            paths.add(doc + "?filterValue=" + text);
            paths.add("/workspace/orgs/" + f.org() + "/ims/users?email=abcdefgh" + text);
        }
        for (String query : List.of("after=-1", "limit=0", "limit=-1", "limit=99999999999999999999", "org=not-an-id")) {
            paths.add("/v1/events?" + query);
        }
        return paths.stream().map(path -> new Case("query", "GET", path,
                path.startsWith("/v1/events") ? dev.membership.support.TestTokens.platformAdmin() : f.ownerToken(), null, null)).toList();
    }

    /** Sets the value at a JSON pointer whose parent exists, adding the field if it is missing. */
    static void put(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            throw new IllegalArgumentException("No parent for " + pointer + " in " + root);
        }
    }

    /** JSON with every character outside printable ASCII written as an escape, as a careful client would send it. */
    static String escapeNonAscii(String json) {
        StringBuilder escaped = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            escaped.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }

    private static String abbreviate(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "...(" + shown.length() + ")" : shown;
    }
}
