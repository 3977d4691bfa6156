package dev.membership.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes every route, and Swagger UI is served, without a token. */
class OpenApiTest extends ApiTestSupport {

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
        String docspace = "/docspace/{portal}/api/2.0/group";
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
    void swaggerUi_isServed() {
        HttpResult ui = http.anonymous().get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
    }

    private static void assertMethods(JsonNode paths, String path, String... methods) {
        assertThat(paths.has(path)).as("path %s in %s", path, paths.fieldNames()).isTrue();
        for (String method : methods) {
            assertThat(paths.get(path).has(method)).as("%s %s", method, path).isTrue();
        }
    }
}
