package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of every dialect and the native API against every kind of caller, with the expected status of
 * each cell in one table. Authorized callers send requests that fail on the domain (a missing resource, an
 * invalid body), so the matrix writes nothing and shows that authorization comes first.
 */
class AuthorizationMatrixApiTest extends ApiTestSupport {

    /** Columns: no token, bad signature, expired, member of another organization, User, Admin, Owner, Auditor, platform admin. */
    private static final List<String> CALLERS = List.of("none", "bad-signature", "expired", "other-org", "user", "admin",
            "owner", "auditor", "platform-admin");

    private static int[] read() {
        return new int[] {401, 401, 401, 404, 200, 200, 200, 200, 200};
    }

    private static int[] readMissing() {
        return new int[] {401, 401, 401, 404, 404, 404, 404, 404, 404};
    }

    private static int[] write(int authorized) {
        return new int[] {401, 401, 401, 404, 403, authorized, authorized, 403, authorized};
    }

    private static int[] audit(int authorized) {
        return new int[] {401, 401, 401, 404, 403, authorized, authorized, authorized, authorized};
    }

    private static int[] platform(int authorized) {
        return new int[] {401, 401, 401, 403, 403, 403, 403, 403, authorized};
    }

    /** Strangers meet 404 first; a member's invalid body is refused (422) before permissions are looked at. */
    private static int[] validatedFirst(int invalid) {
        return new int[] {401, 401, 401, 404, invalid, invalid, invalid, invalid, invalid};
    }

    record Cell(String method, String path, String body, int[] expected) {
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSays_andNothingIsWritten() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String admin = email("admin");
        membership(org, owner, admin, "Admin");
        String user = email("user");
        membership(org, owner, user, "User");
        String auditor = email("auditor");
        membership(org, owner, auditor, "Auditor");
        String stranger = email("stranger");
        createOrganization(stranger);
        String missing = UUID.randomUUID().toString();
        String hex = missing.replace("-", "");
        String evo = "/workspace/orgs/" + org;
        String doc = "/docspace/" + org + "/api/2.0/group";
        String cf = "/client/v4/accounts/" + org.toString().replace("-", "");
        String v1 = "/v1/organizations/" + org;
        String users = "{\"users\": [{\"email\": \"x@y.test\", \"roles\": [\"" + missing + "\"]}]}";
        String roles = "{\"roles\": [\"" + missing + "\"]}";

        List<Cell> table = List.of(
                new Cell("GET", evo + "/members/users", null, read()),
                new Cell("GET", evo + "/members", null, read()),
                new Cell("POST", evo + "/members/users", users, write(422)),
                new Cell("POST", evo + "/members", users, write(422)),
                new Cell("PATCH", evo + "/members/users/" + missing, roles, write(404)),
                new Cell("PATCH", evo + "/members/" + missing, roles, write(404)),
                new Cell("DELETE", evo + "/members/users/" + missing, null, write(404)),
                new Cell("DELETE", evo + "/members/" + missing, null, write(404)),
                new Cell("GET", evo + "/members/invitations", null, read()),
                new Cell("DELETE", evo + "/members/invitations/" + missing, null, write(404)),
                new Cell("GET", evo + "/members/roles", null, read()),
                new Cell("GET", evo + "/members/groups", null, read()),
                new Cell("PATCH", evo + "/members/groups/" + missing, "{\"ims_groups\": []}", write(404)),
                new Cell("GET", evo + "/ims/groups", null, read()),
                new Cell("GET", evo + "/ims/groups/no-such-group/members", null, readMissing()),
                new Cell("GET", evo + "/ims/users?email=ilike:nobody-here*", null, read()),
                new Cell("GET", doc, null, read()),
                new Cell("POST", doc, "{\"groupName\": \"x\", \"members\": [\"" + missing + "\"]}", write(400)),
                new Cell("GET", doc + "/" + missing, null, readMissing()),
                new Cell("PUT", doc + "/" + missing, "{}", write(404)),
                new Cell("DELETE", doc + "/" + missing, null, write(404)),
                new Cell("POST", doc + "/" + missing + "/members", "{\"members\": []}", write(404)),
                new Cell("PUT", doc + "/" + missing + "/members", "{\"members\": []}", write(404)),
                new Cell("DELETE", doc + "/" + missing + "/members", "{\"members\": []}", write(404)),
                new Cell("PUT", doc + "/" + missing + "/manager", "{\"userId\": \"" + missing + "\"}", write(404)),
                new Cell("GET", cf + "/members", null, read()),
                new Cell("POST", cf + "/members", "{\"email\": \"x@y.test\", \"roles\": [\"" + hex + "\"]}", write(400)),
                new Cell("GET", cf + "/iam/user_groups", null, read()),
                new Cell("POST", cf + "/iam/user_groups", "{\"name\": \"x\", \"policies\": [{\"access\": \"allow\"}]}", write(400)),
                new Cell("GET", cf + "/iam/user_groups/" + hex, null, readMissing()),
                new Cell("PUT", cf + "/iam/user_groups/" + hex, "{\"name\": \"x\"}", write(404)),
                new Cell("DELETE", cf + "/iam/user_groups/" + hex, null, write(404)),
                new Cell("GET", cf + "/iam/user_groups/" + hex + "/members", null, readMissing()),
                new Cell("GET", cf + "/iam/user_groups/" + hex + "/members/" + hex, null, readMissing()),
                new Cell("POST", cf + "/iam/user_groups/" + hex + "/members", "[]", write(404)),
                new Cell("PUT", cf + "/iam/user_groups/" + hex + "/members", "[]", write(404)),
                new Cell("DELETE", cf + "/iam/user_groups/" + hex + "/members/" + hex, null, write(404)),
                new Cell("GET", v1, null, read()),
                // inside the organization, a member's invalid body answers before the permission check
                new Cell("POST", v1 + "/groups", "{\"name\": \"\"}", validatedFirst(422)),
                new Cell("GET", v1 + "/groups/" + missing, null, readMissing()),
                new Cell("GET", v1 + "/audit", null, audit(200)),
                new Cell("GET", v1 + "/users/" + missing + "/history", null, audit(200)),
                new Cell("GET", v1 + "/groups/" + missing + "/history", null, audit(200)),
                new Cell("GET", v1 + "/members", null, audit(200)),
                new Cell("GET", v1 + "/groups/" + missing + "/members", null, audit(404)),
                new Cell("GET", "/v1/events?org=" + org, null, audit(200)),
                new Cell("POST", "/v1/organizations", "{\"name\": \"\"}", platform(422)),
                new Cell("PUT", "/v1/directory/groups/some-group", "{\"name\": \"\"}", platform(422)),
                new Cell("POST", evo + "/members/users", "{\"users\": [", validatedFirst(422)),
                new Cell("POST", doc, "{not json", validatedFirst(400)),
                new Cell("GET", "/v1/admin/projections", null, platform(200)),
                new Cell("GET", "/v1/admin/projections/members", null, platform(200)),
                new Cell("POST", "/v1/admin/projections/no-such-model/rebuild", null, platform(404)),
                new Cell("GET", "/v1/events", null, platform(200)),
                new Cell("POST", "/v1/invitations/" + missing + "/accept", null, new int[] {401, 401, 401, 404, 404, 404, 404, 404, 404}));

        List<Http> callers = List.of(http.anonymous(), http.as(TestTokens.badSignature(owner)), http.as(TestTokens.expired(owner)),
                http.as(TestTokens.user(stranger)), http.as(TestTokens.user(user)), http.as(TestTokens.user(admin)),
                http.as(TestTokens.user(owner)), http.as(TestTokens.user(auditor)), http.as(TestTokens.platformAdmin()));
        long before = allEvents();
        List<String> mismatches = new ArrayList<>();
        for (Cell cell : table) {
            for (int c = 0; c < callers.size(); c++) {
                HttpResult result = callers.get(c).send(cell.method(), cell.path(), cell.body());
                if (result.status() != cell.expected()[c]) {
                    mismatches.add(cell.method() + " " + cell.path() + " as " + CALLERS.get(c) + ": expected "
                            + cell.expected()[c] + ", got " + result.status() + " " + abbreviate(result.body()));
                }
                if (c == 3) {
                    assertThat(result.body()).as("nothing of another organization leaks").doesNotContain(owner);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(allEvents()).isEqualTo(before);
        assertThat(table.size() * callers.size()).isGreaterThan(400);
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }
}
