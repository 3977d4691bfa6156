package dev.membership.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document describes every route with the statuses it answers and its errors in its dialect's shape, and
 * Swagger UI is served, without a token.
 */
class OpenApiTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void apiDocs_listEveryRouteWithItsMethods() {
        HttpResult docs = http.anonymous().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        String evo = "/workspace/orgs/{org_id}";
        assertMethods(paths, evo + "/members/users", "get", "post");
        assertMethods(paths, evo + "/members", "get", "post");
        assertMethods(paths, evo + "/members/users/{user_id}", "patch", "delete");
        assertMethods(paths, evo + "/members/{user_id}", "patch", "delete");
        assertMethods(paths, evo + "/members/invitations", "get");
        assertMethods(paths, evo + "/members/invitations/{invitation_id}", "delete");
        assertMethods(paths, evo + "/members/roles", "get");
        assertMethods(paths, evo + "/members/groups", "get");
        assertMethods(paths, evo + "/members/groups/{group_id}", "patch");
        assertMethods(paths, evo + "/ims/groups", "get");
        assertMethods(paths, evo + "/ims/groups/{group_id}/members", "get");
        assertMethods(paths, evo + "/ims/users", "get");
        assertMethods(paths, "/v1/organizations", "post");
        assertMethods(paths, "/v1/organizations/{orgId}", "get");
        assertMethods(paths, "/v1/organizations/{orgId}/groups", "post");
        assertMethods(paths, "/v1/invitations/{invitationId}/accept", "post");
        assertMethods(paths, "/v1/directory/groups/{id}", "put");
        String docspace = "/docspace/{orgId}/api/2.0/group";
        assertMethods(paths, docspace, "get", "post");
        assertMethods(paths, docspace + "/{id}", "get", "put", "delete");
        assertMethods(paths, docspace + "/{id}/members", "post", "put", "delete");
        assertMethods(paths, docspace + "/{id}/manager", "put");
        String cloudflare = "/client/v4/accounts/{account_id}";
        assertMethods(paths, cloudflare + "/members", "get");
        assertMethods(paths, cloudflare + "/iam/user_groups", "get", "post");
        assertMethods(paths, cloudflare + "/iam/user_groups/{user_group_id}", "get", "put", "delete");
        assertMethods(paths, cloudflare + "/iam/user_groups/{user_group_id}/members", "get", "post", "put");
        assertMethods(paths, cloudflare + "/iam/user_groups/{user_group_id}/members/{member_id}", "get", "delete");
        assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void apiDocs_listTextJson_forDocSpaceBodies_only() {
        JsonNode paths = http.anonymous().get("/v3/api-docs").json().get("paths");
        JsonNode create = paths.get("/docspace/{orgId}/api/2.0/group").get("post").get("requestBody").get("content");
        JsonNode evoInvite = paths.get("/workspace/orgs/{org_id}/members/users").get("post").get("requestBody").get("content");

        assertThat(create.has("application/json")).isTrue();
        assertThat(create.get("text/json").get("schema")).isEqualTo(create.get("application/json").get("schema"));
        assertThat(evoInvite.has("text/json")).isFalse();
    }

    @Test
    void apiDocs_leaveOutNoRouteOfTheService() {
        JsonNode paths = http.anonymous().get("/v3/api-docs").json().get("paths");
        java.util.List<String> routes = new java.util.ArrayList<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("dev.membership")) {
                return; // the document's and Swagger UI's own routes
            }
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                    if (verb != RequestMethod.HEAD) { // HEAD of the event stream is left out as every HEAD is
                        routes.add(verb.name().toLowerCase(java.util.Locale.ROOT) + " " + pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
                    }
                }
            }
        });

        assertThat(routes).hasSizeGreaterThan(40);
        for (String route : routes) {
            String[] verbAndPath = route.split(" ", 2);
            assertThat(paths.has(verbAndPath[1]) && paths.get(verbAndPath[1]).has(verbAndPath[0]))
                    .as("%s is in the document", route).isTrue();
        }
    }

    @Test
    void apiDocs_giveEachRouteTheSuccessStatusItAnswers() {
        JsonNode paths = http.anonymous().get("/v3/api-docs").json().get("paths");

        assertThat(responses(paths, "/v1/organizations", "post")).containsExactlyInAnyOrder("201", "4XX", "5XX");
        assertThat(responses(paths, "/v1/organizations/{orgId}/groups", "post")).contains("201").doesNotContain("200");
        assertThat(responses(paths, "/v1/admin/projections/rebuild", "post")).contains("202").doesNotContain("200");
        assertThat(responses(paths, "/v1/admin/projections/{name}/rebuild", "post")).contains("202").doesNotContain("200");
        assertThat(responses(paths, "/v1/directory/groups/{id}", "put")).contains("200", "201");
        assertThat(responses(paths, "/workspace/orgs/{org_id}/members/users/{user_id}", "delete")).contains("204")
                .doesNotContain("200");
        assertThat(responses(paths, "/workspace/orgs/{org_id}/members/invitations/{invitation_id}", "delete"))
                .contains("204").doesNotContain("200");
        assertThat(responses(paths, "/docspace/{orgId}/api/2.0/group/{id}", "delete")).contains("204").doesNotContain("200");
        assertThat(responses(paths, "/workspace/orgs/{org_id}/members/users", "post")).contains("201").doesNotContain("200");
        assertThat(paths.has("/error")).as("the servlet error page is not a route").isFalse();
    }

    /** The audit log's and the feed's successes name the formats they are sent in, not any type with an empty schema. */
    @Test
    void apiDocs_nameTheAuditLogsAndTheFeedsFormats() {
        JsonNode paths = http.anonymous().get("/v3/api-docs").json().get("paths");

        JsonNode audit = paths.get("/v1/organizations/{orgId}/audit").get("get").get("responses").get("200").get("content");
        JsonNode feed = paths.get("/v1/events").get("get").get("responses").get("200").get("content");

        assertThat(audit.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("application/json", "text/csv", "application/x-ndjson");
        assertThat(audit.get("application/json").get("schema").get("$ref").asText()).endsWith("Page");
        assertThat(feed.fieldNames()).toIterable().containsExactly("application/cloudevents-batch+json");
        assertThat(feed.get("application/cloudevents-batch+json").get("schema").get("type").asText()).isEqualTo("array");
    }

    /**
     * A client generated from the document reads each answer as the type the document names: every success names its
     * media type (not any type) and a schema, and Cloudflare's and DocSpace's envelopes say what they carry. (That the
     * answers match the document is checked on every answer an API test receives, by {@code ResponseContract}.)
     */
    @Test
    void apiDocs_nameEachSuccessesMediaTypeAndWhatItsEnvelopeCarries() {
        JsonNode docs = http.anonymous().get("/v3/api-docs").json();
        java.util.List<String> anyType = new java.util.ArrayList<>();
        docs.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().get("responses").fields().forEachRemaining(response -> {
                    JsonNode content = response.getValue().get("content");
                    if (content != null && content.has("*/*")) {
                        anyType.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                })));
        assertThat(anyType).as("answers documented as any media type").isEmpty();
        String document = docs.toString();
        List<String> unused = new java.util.ArrayList<>();
        docs.get("components").get("schemas").fieldNames().forEachRemaining(name -> {
            if (!document.contains("\"#/components/schemas/" + name + "\"")) {
                unused.add(name);
            }
        });
        assertThat(unused).as("schemas nothing refers to (a generated client would carry them as types)").isEmpty();

        JsonNode schemas = docs.get("components").get("schemas");
        String members = docs.get("paths").get("/client/v4/accounts/{account_id}/members").get("get").get("responses")
                .get("200").get("content").get("application/json").get("schema").get("$ref").asText();
        JsonNode envelope = schemas.get(members.substring(members.lastIndexOf('/') + 1));
        assertThat(envelope.get("properties").get("result").get("items").get("$ref").asText()).endsWith("/AccountMember");
        assertThat(schemas.get("AccountMember").get("properties").fieldNames()).toIterable()
                .containsExactly("id", "email", "status", "user", "roles", "policies");
        String group = docs.get("paths").get("/docspace/{orgId}/api/2.0/group/{id}").get("get").get("responses")
                .get("200").get("content").get("application/json").get("schema").get("$ref").asText();
        assertThat(schemas.get(group.substring(group.lastIndexOf('/') + 1)).get("properties").get("response").get("$ref")
                .asText()).endsWith("/GroupDto");
    }

    @Test
    void apiDocs_describeEveryRoutesErrorsInItsDialectsShape() {
        JsonNode docs = http.anonymous().get("/v3/api-docs").json();
        JsonNode paths = docs.get("paths");

        paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().get("responses").has("4XX") && operation.getValue().get("responses").has("5XX"))
                        .as("%s %s documents its errors", operation.getKey(), path.getKey()).isTrue()));
        JsonNode evo = clientErrors(paths, "/workspace/orgs/{org_id}/members/users", "post", "application/json");
        assertThat(evo.get("examples").get("invalid").get("value").get("status").asInt()).isEqualTo(422);
        assertThat(evo.get("examples").get("invalid").get("value").get("invalid-params").get(0).get("name").asText())
                .isEqualTo("name");
        assertThat(evo.get("schema").get("$ref").asText()).isEqualTo("#/components/schemas/EvoError");
        JsonNode docSpace = clientErrors(paths, "/docspace/{orgId}/api/2.0/group", "post", "application/json");
        assertThat(docSpace.get("examples").get("invalid").get("value").get("statusCode").asInt()).isEqualTo(400);
        assertThat(docSpace.get("examples").get("notFound").get("value").get("error").get("message").asText()).isNotBlank();
        JsonNode cloudflare = clientErrors(paths, "/client/v4/accounts/{account_id}/iam/user_groups", "post", "application/json");
        assertThat(cloudflare.get("examples").get("invalid").get("value").get("success").asBoolean()).isFalse();
        assertThat(cloudflare.get("examples").get("invalid").get("value").get("errors").get(0).get("source").get("pointer")
                .asText()).isEqualTo("/name");
        JsonNode problem = clientErrors(paths, "/v1/organizations", "post", "application/problem+json");
        assertThat(problem.get("examples").get("notFound").get("value").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.get("examples").get("notFound").get("value").get("status").asInt()).isEqualTo(404);
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.fieldNames()).toIterable().contains("EvoError", "DocSpaceError", "CloudflareError", "Problem",
                "InvalidParam");
        assertThat(schemas.get("Problem").get("properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "code", "invalidParams").doesNotContain("properties");
    }

    @Test
    void swaggerUi_isServed() {
        HttpResult ui = http.anonymous().get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
    }

    /**
     * Each operation has an id of its own and a summary; the vendor dialects' operations have their vendors' ids (Evo's
     * deprecated twins with {@code _deprecated}), so a client generated from this document calls the methods one
     * generated from the vendor's calls; and each is tagged with its dialect.
     */
    @Test
    void apiDocs_nameEachOperationOnce_asItsVendorDoes_underItsDialect() {
        JsonNode paths = http.anonymous().get("/v3/api-docs").json().get("paths");

        java.util.Set<String> ids = new java.util.HashSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String id = operation.getValue().path("operationId").asText("");
            String where = operation.getKey() + " " + path.getKey();
            assertThat(ids.add(id)).as("%s has an id no other operation has: %s", where, id).isTrue();
            assertThat(id).as(where).isNotBlank().doesNotMatch(".*_\\d+");
            assertThat(operation.getValue().path("summary").asText("")).as("%s has a summary", where).isNotBlank();
            String dialect = path.getKey().startsWith("/workspace/") ? "Evo Workspaces"
                    : path.getKey().startsWith("/docspace/") ? "ONLYOFFICE DocSpace"
                    : path.getKey().startsWith("/client/v4/") ? "Cloudflare" : "Native";
            assertThat(operation.getValue().get("tags")).as(where).hasSize(1);
            assertThat(operation.getValue().get("tags").get(0).asText()).as(where).isEqualTo(dialect);
        }));
        String evo = "/workspace/orgs/{org_id}";
        assertThat(operationId(paths, evo + "/members/users", "get")).isEqualTo("list_instance_users");
        assertThat(operationId(paths, evo + "/members", "get")).isEqualTo("list_instance_users_deprecated");
        assertThat(operationId(paths, evo + "/members/users/{user_id}", "patch")).isEqualTo("update_instance_user_roles");
        assertThat(operationId(paths, evo + "/members/{user_id}", "patch")).isEqualTo("update_instance_user_roles_deprecated");
        assertThat(operationId(paths, evo + "/members/groups/{group_id}", "patch")).isEqualTo("update_instance_group_members");
        assertThat(operationId(paths, evo + "/ims/users", "get")).isEqualTo("get_ims_users");
        String docSpace = "/docspace/{orgId}/api/2.0/group";
        assertThat(operationId(paths, docSpace + "/{id}/members", "post")).isEqualTo("setMembersTo");
        assertThat(operationId(paths, docSpace + "/{id}/members", "put")).isEqualTo("addMembersTo");
        assertThat(operationId(paths, docSpace + "/{id}", "get")).isEqualTo("getGroup");
        String cloudflare = "/client/v4/accounts/{account_id}";
        assertThat(operationId(paths, cloudflare + "/iam/user_groups/{user_group_id}/members", "put"))
                .isEqualTo("account-user-group-members-update");
        assertThat(operationId(paths, cloudflare + "/iam/user_groups/{user_group_id}", "get"))
                .isEqualTo("account-user-group-details");
        assertThat(operationId(paths, cloudflare + "/members", "get")).isEqualTo("account-members-list-members");
        assertThat(operationId(paths, "/v1/organizations/{orgId}/groups/{groupId}", "get")).isEqualTo("getOrganizationGroup");
    }

    private static String operationId(JsonNode paths, String path, String method) {
        return paths.get(path).get(method).get("operationId").asText();
    }

    private static java.util.List<String> responses(JsonNode paths, String path, String method) {
        java.util.List<String> statuses = new java.util.ArrayList<>();
        paths.get(path).get(method).get("responses").fieldNames().forEachRemaining(statuses::add);
        return statuses;
    }

    private static JsonNode clientErrors(JsonNode paths, String path, String method, String contentType) {
        JsonNode content = paths.get(path).get(method).get("responses").get("4XX").get("content");
        assertThat(content.has(contentType)).as("%s %s errors as %s: %s", method, path, contentType, content).isTrue();
        return content.get(contentType);
    }

    private static void assertMethods(JsonNode paths, String path, String... methods) {
        assertThat(paths.has(path)).as("path %s in %s", path, paths.fieldNames()).isTrue();
        for (String method : methods) {
            assertThat(paths.get(path).has(method)).as("%s %s", method, path).isTrue();
        }
    }

    @Test
    void theDocumentationAndHealth_areReadWhateverTokenIsSent_whileRoutesStillRefuseIt() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        for (String token : List.of(TestTokens.expired(owner), TestTokens.badSignature(owner), "not-a-token")) {
            assertThat(http.as(token).get("/v3/api-docs").status()).as(token).isEqualTo(200);
            assertThat(http.as(token).get("/actuator/health").status()).as(token).isEqualTo(200);
            assertThat(http.as(token).get("/v1/organizations/" + org).status()).as(token).isEqualTo(401);
        }
    }

    @Test
    void apiDocs_markEvosDeprecatedTwinsDeprecated_andNameTheFieldsEvosErrorAlwaysHas() {
        JsonNode docs = http.anonymous().get("/v3/api-docs").json();
        JsonNode paths = docs.get("paths");

        for (String twin : List.of("/workspace/orgs/{org_id}/members", "/workspace/orgs/{org_id}/members/{user_id}")) {
            paths.get(twin).fields().forEachRemaining(operation ->
                    assertThat(operation.getValue().path("deprecated").asBoolean()).as(operation.getKey() + " " + twin).isTrue());
        }
        for (String current : List.of("/workspace/orgs/{org_id}/members/users", "/workspace/orgs/{org_id}/members/users/{user_id}")) {
            paths.get(current).fields().forEachRemaining(operation ->
                    assertThat(operation.getValue().path("deprecated").asBoolean()).as(operation.getKey() + " " + current).isFalse());
        }
        assertThat(docs.get("components").get("schemas").get("EvoError").get("required"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("type", "title", "status");
    }
}
