package dev.membership.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.WriteEndpoints;
import dev.membership.support.WriteEndpoints.Endpoint;
import dev.membership.support.WriteEndpoints.Field;
import dev.membership.support.WriteEndpoints.Kind;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;

/**
 * Generated bad input against every write endpoint: whatever the generators make, the answer is a 4xx in the
 * dialect's error shape and no event is written. Each property draws an endpoint and a field of its body and
 * breaks it in one way that no valid request has.
 */
@JqwikSpringSupport
class BadInputPropertyTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The catalogue's shape, which does not depend on the organization: endpoint names and their fields. */
    private static final List<Endpoint> SHAPES = WriteEndpoints.of(new WriteEndpoints.Fixture(UUID.randomUUID(), "token",
            UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            UUID.randomUUID().toString(), UUID.randomUUID()));

    private List<Endpoint> endpoints;

    record Target(String endpoint, int field) {
    }

    @Property(tries = 150)
    void aBodyThatIsNotJsonIsRefused(@ForAll("endpointsWithBodies") String name, @ForAll("notJson") String body) {
        Endpoint endpoint = endpoint(name);
        assertRefusedAndNothingWritten(endpoint.method(), endpoint.path(), endpoint.token(), body);
    }

    @Property(tries = 150)
    void aFieldOfTheWrongJsonTypeIsRefused(@ForAll("fields") Target target, @ForAll("anyJson") JsonNode value) {
        Endpoint endpoint = endpoint(target.endpoint());
        Field field = endpoint.fields().get(target.field());
        JsonNode replacement = fitsKind(field.kind(), value) ? NODES.objectNode().set("wrapped", value) : value;
        JsonNode body = endpoint.body();
        BadInputCorpusApiTest.put(body, field.pointer(), replacement);
        assertRefusedAndNothingWritten(endpoint.method(), endpoint.path(), endpoint.token(),
                BadInputCorpusApiTest.escapeNonAscii(body.toString()));
    }

    @Property(tries = 150)
    void textWithAControlOrInvisibleFormattingCharacterIsRefused(@ForAll("textFields") Target target,
            @ForAll("plainWords") String text, @ForAll("forbiddenCharacters") char forbidden, @ForAll("fraction") double where) {
        Endpoint endpoint = endpoint(target.endpoint());
        Field field = endpoint.fields().get(target.field());
        int at = (int) (where * text.length());
        String value = text.substring(0, at) + forbidden + text.substring(at);
        JsonNode body = endpoint.body();
        BadInputCorpusApiTest.put(body, field.pointer(), NODES.textNode(field.kind() == Kind.EMAIL ? value + "@acme.test" : value));
        assertRefusedAndNothingWritten(endpoint.method(), endpoint.path(), endpoint.token(),
                BadInputCorpusApiTest.escapeNonAscii(body.toString()));
    }

    @Property(tries = 150)
    void anIdThatIsNotACanonicalUuidIsRefused(@ForAll("idFields") Target target, @ForAll("notUuids") String id) {
        Endpoint endpoint = endpoint(target.endpoint());
        Field field = endpoint.fields().get(target.field());
        JsonNode body = endpoint.body();
        JsonNode text = NODES.textNode(id);
        BadInputCorpusApiTest.put(body, field.pointer(), field.kind() == Kind.ID_LIST ? NODES.arrayNode().add(text) : text);
        assertRefusedAndNothingWritten(endpoint.method(), endpoint.path(), endpoint.token(),
                BadInputCorpusApiTest.escapeNonAscii(body.toString()));
    }

    private void assertRefusedAndNothingWritten(String method, String path, String token, String body) {
        long before = allEvents();
        HttpResult result = http.as(token).send(method, path, body);
        assertThat(ErrorShapes.problemWith(path, result)).as("%s %s with %s", method, path, body).isNull();
        assertThat(allEvents()).as("events written by %s %s", method, path).isEqualTo(before);
    }

    /** The endpoint of that name for this property's organization, made on the first try (Spring has injected the port by then). */
    private Endpoint endpoint(String name) {
        if (endpoints == null) {
            connect();
            endpoints = WriteEndpoints.of(writeFixture());
        }
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean fitsKind(Kind kind, JsonNode value) {
        return switch (kind) {
            case NAME, OPTIONAL_NAME, TEXT, EMAIL, ID -> value.isTextual() || value.isNull();
            case ID_LIST, STRING_LIST, OBJECT_LIST -> value.isArray() || value.isNull();
            case BOOLEAN -> value.isBoolean() || value.isNull();
        };
    }

    @Provide
    Arbitrary<String> endpointsWithBodies() {
        return Arbitraries.of(SHAPES.stream().filter(Endpoint::takesBody).map(Endpoint::name).toList());
    }

    @Provide
    Arbitrary<Target> fields() {
        return targets(kind -> true);
    }

    @Provide
    Arbitrary<Target> textFields() {
        return targets(kind -> kind == Kind.NAME || kind == Kind.OPTIONAL_NAME || kind == Kind.TEXT || kind == Kind.EMAIL);
    }

    @Provide
    Arbitrary<Target> idFields() {
        return targets(kind -> kind == Kind.ID || kind == Kind.ID_LIST);
    }

    private static Arbitrary<Target> targets(java.util.function.Predicate<Kind> kinds) {
        List<Target> targets = new java.util.ArrayList<>();
        for (Endpoint endpoint : SHAPES) {
            for (int i = 0; i < endpoint.fields().size(); i++) {
                if (kinds.test(endpoint.fields().get(i).kind())) {
                    targets.add(new Target(endpoint.name(), i));
                }
            }
        }
        return Arbitraries.of(targets);
    }

    /** Strings that no JSON parser reads as a whole document. */
    @Provide
    Arbitrary<String> notJson() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> jsonLooking = Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsn \\").ofMaxLength(60);
        return Arbitraries.oneOf(anything, jsonLooking).filter(text -> !parses(text));
    }

    /** Any JSON value, scalars and small nested structures. */
    @Provide
    Arbitrary<JsonNode> anyJson() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)), new java.math.BigInteger("1" + "0".repeat(40)))
                        .map(b -> (JsonNode) NODES.numberNode(b)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.strings().all().ofMaxLength(40).map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.just(NODES.nullNode()));
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(4).map(items -> {
            var array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), scalars)
                .as((key, value) -> (JsonNode) NODES.objectNode().set(key, value));
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    @Provide
    Arbitrary<String> plainWords() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30);
    }

    /** Control characters (bar the line breaks and tabs that free text may hold), lone surrogates, noncharacters, bidi controls. */
    @Provide
    Arbitrary<Character> forbiddenCharacters() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u0008'),
                Arbitraries.chars().range('\u000b', '\u000c'),
                Arbitraries.chars().range('\u000e', '\u001f'),
                Arbitraries.chars().range('\u007f', '\u009f'),
                Arbitraries.chars().range('\ud800', '\udfff'),
                Arbitraries.chars().range('\ufdd0', '\ufdef'),
                Arbitraries.of('\ufffe', '\uffff', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'));
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    }

    /** Strings that are not a UUID in its 36-character form. */
    @Provide
    Arbitrary<String> notUuids() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> nearly = Arbitraries.strings().withChars("0123456789abcdefABCDEF-{} ").ofMinLength(30).ofMaxLength(40);
        Arbitrary<String> mangled = Arbitraries.integers().between(0, 35).map(i -> {
            String uuid = UUID.randomUUID().toString();
            return uuid.substring(0, i) + "g" + uuid.substring(i + 1);
        });
        return Arbitraries.oneOf(anything, nearly, mangled)
                .filter(text -> !text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"));
    }

    private static boolean parses(String text) {
        try {
            JSON.readTree(text);
            return !text.isBlank();
        } catch (Exception e) {
            return false;
        }
    }
}
