package dev.membership.web.evo.membership;

import static dev.membership.web.evo.EvoAssertions.assertEvoError;
import static dev.membership.web.evo.EvoAssertions.assertEvoShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evo E1, E2, E5 and E7 over real HTTP: the first vertical slice. */
class EvoMembersApiTest extends ApiTestSupport {

    private String owner;
    private UUID org;
    private String base;
    private Http asOwner;

    @BeforeEach
    void organization() {
        owner = email("owner");
        org = createOrganization(owner);
        base = "/workspace/orgs/" + org;
        asOwner = http.as(TestTokens.user(owner));
    }

    @Test
    void addUsers_returnsOneMemberAndOneInvitation_withStatus201_forKnownAndUnknownEmails() {
        String known = email("known");
        createOrganization(known); // owning another organization makes the person known
        String unknown = email("unknown");
        String userRole = roleId(org, owner, "User");
        String adminRole = roleId(org, owner, "Admin");

        HttpResult added = asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}, {"email": "%s", "roles": ["%s", "%s"]}]}"""
                .formatted(known, userRole, unknown.toUpperCase(), userRole, adminRole));

        assertThat(added.status()).isEqualTo(201);
        JsonNode body = added.json();
        assertThat(body.get("members")).hasSize(1);
        JsonNode member = body.get("members").get(0);
        assertThat(member.get("email").asText()).isEqualTo(known);
        assertThat(member.get("full_name").asText()).isEqualTo("Owner Person");
        assertThat(UUID.fromString(member.get("id").asText())).isNotNull();
        assertThat(member.get("roles")).extracting(r -> r.get("id").asText()).containsExactly(userRole);

        assertThat(body.get("invitations")).hasSize(1);
        JsonNode invitation = body.get("invitations").get(0);
        assertThat(invitation.get("email").asText()).isEqualTo(unknown);
        assertThat(invitation.get("invited_by_email").asText()).isEqualTo(owner);
        assertThat(invitation.get("status").asText()).isEqualTo("Pending");
        Instant created = Instant.parse(invitation.get("created_date").asText());
        assertThat(invitation.get("created_date").asText()).as("ISO 8601 in UTC, to the microsecond")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(Instant.parse(invitation.get("expiration_date").asText())).isEqualTo(created.plus(Duration.ofDays(14)));
        assertThat(invitation.get("roles")).extracting(r -> r.get("name").asText()).containsExactly("Admin", "User");
    }

    @Test
    void anInvitationsTimes_areTheSameInTheAnswerAndInTheList() {
        String userRole = roleId(org, owner, "User");
        Map<String, String> answered = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            JsonNode invitation = asOwner.post(base + "/members/users", """
                    {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(email("timed" + i), userRole))
                    .json().get("invitations").get(0);
            answered.put(invitation.get("id").asText(),
                    invitation.get("created_date").asText() + " " + invitation.get("expiration_date").asText());
        }

        Map<String, String> listed = new HashMap<>();
        asOwner.get(base + "/members/invitations?limit=100").json().get("results").forEach(invitation -> listed.put(
                invitation.get("id").asText(),
                invitation.get("created_date").asText() + " " + invitation.get("expiration_date").asText()));
        assertThat(listed).containsAllEntriesOf(answered);
    }

    @Test
    void listUsers_returnsOwnerAndMemberWithMostPrivilegedRoleAndLinks_rightAfterTheWrite() {
        String known = email("known");
        createOrganization(known);
        String userRole = roleId(org, owner, "User");
        String adminRole = roleId(org, owner, "Admin");
        asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s", "%s"]}]}""".formatted(known, userRole, adminRole));

        JsonNode first = asOwner.get(base + "/members/users?limit=1").json();
        assertThat(first.get("results")).hasSize(1);
        assertThat(first.get("results").get(0).get("email").asText()).isEqualTo(owner);
        assertThat(first.get("results").get(0).get("roles")).extracting(r -> r.get("name").asText()).containsExactly("Owner");
        JsonNode links = first.get("links");
        assertThat(links.get("count").asInt()).isEqualTo(1);
        assertThat(links.get("first").asText()).endsWith(base + "/members/users?limit=1&offset=0");
        assertThat(links.get("previous").isNull()).isTrue();
        assertThat(links.get("next").asText()).endsWith(base + "/members/users?limit=1&offset=1");

        JsonNode second = http.as(TestTokens.user(owner)).get(links.get("next").asText()).json();
        assertThat(second.get("results")).hasSize(1);
        JsonNode member = second.get("results").get(0);
        assertThat(member.get("email").asText()).isEqualTo(known);
        assertThat(member.get("roles")).extracting(r -> r.get("name").asText()).containsExactly("Admin");
        assertThat(second.get("links").get("next").isNull()).isTrue();
        assertThat(second.get("links").get("previous").asText()).endsWith("limit=1&offset=0");

        JsonNode all = asOwner.get(base + "/members/users").json();
        assertThat(all.get("results")).extracting(r -> r.get("email").asText()).containsExactly(owner, known);
        assertThat(all.get("links").get("first").asText()).endsWith("limit=20&offset=0");
    }

    @Test
    void listInvitations_returnsThePendingInvitation_rightAfterTheWrite() {
        String unknown = email("unknown");
        String userRole = roleId(org, owner, "User");
        String invitationId = asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(unknown, userRole))
                .json().get("invitations").get(0).get("id").asText();

        JsonNode page = asOwner.get(base + "/members/invitations").json();

        assertThat(page.get("results")).hasSize(1);
        JsonNode invitation = page.get("results").get(0);
        assertThat(invitation.get("id").asText()).isEqualTo(invitationId);
        assertThat(invitation.get("email").asText()).isEqualTo(unknown);
        assertThat(invitation.get("status").asText()).isEqualTo("Pending");
        assertThat(invitation.get("roles")).extracting(r -> r.get("id").asText()).containsExactly(userRole);
        assertThat(page.get("links").get("count").asInt()).isEqualTo(1);
        assertThat(page.get("links").get("next").isNull()).isTrue();
        // an invitation is not a member
        assertThat(asOwner.get(base + "/members/users").json().get("results")).hasSize(1);
    }

    @Test
    void listRoles_returnsTheFourBuiltInRolesWithPermissions() {
        JsonNode roles = asOwner.get(base + "/members/roles").json().get("roles");

        assertThat(roles).extracting(r -> r.get("name").asText()).containsExactly("Owner", "Admin", "Auditor", "User");
        for (JsonNode role : roles) {
            assertThat(UUID.fromString(role.get("id").asText())).isNotNull();
            assertThat(role.get("description").asText()).isNotBlank();
            assertThat(role.get("permissions")).isNotEmpty();
        }
        assertThat(roles.get(0).get("permissions")).extracting(JsonNode::asText).contains("owners:manage", "members:write");
        assertThat(roles.get(3).get("permissions")).extracting(JsonNode::asText).doesNotContain("members:write");
    }

    @Test
    void addUsers_isRefused_withStatus409AndNoEvent_forAnEmailThatIsAlreadyAMember() {
        String userRole = roleId(org, owner, "User");
        long before = eventsOf(org);

        HttpResult conflict = asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(owner, userRole));

        assertEvoError(conflict, 409, "already-member");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void addUsers_isRefused_withStatus409AndNoEvent_forAnEmailWithAPendingInvitation() {
        String userRole = roleId(org, owner, "User");
        String body = """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(email("invitee"), userRole);
        assertThat(asOwner.post(base + "/members/users", body).status()).isEqualTo(201);
        long before = eventsOf(org);

        assertEvoError(asOwner.post(base + "/members/users", body), 409, "already-invited");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void addUsers_isAllOrNothing_whenOneOfTheEmailsIsAlreadyAMember() {
        String userRole = roleId(org, owner, "User");
        long before = eventsOf(org);

        HttpResult conflict = asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}, {"email": "%s", "roles": ["%s"]}]}"""
                .formatted(email("fresh"), userRole, owner, userRole));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(eventsOf(org)).isEqualTo(before);
        assertThat(asOwner.get(base + "/members/invitations").json().get("results")).isEmpty();
    }

    @Test
    void addUsers_isRefused_withStatus403_forMemberWithOnlyTheUserRole() {
        String member = email("member");
        createOrganization(member);
        String userRole = roleId(org, owner, "User");
        asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(member, userRole));
        long before = eventsOf(org);

        HttpResult forbidden = http.as(TestTokens.user(member)).post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(email("x"), userRole));

        assertEvoError(forbidden, 403, "forbidden");
        assertThat(eventsOf(org)).isEqualTo(before);
        // reading is allowed for the User role
        assertThat(http.as(TestTokens.user(member)).get(base + "/members/users").status()).isEqualTo(200);
    }

    @Test
    void addUsers_isRefused_withStatus403_forAdminGrantingOwner() {
        String admin = email("admin");
        createOrganization(admin);
        asOwner.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(admin, roleId(org, owner, "Admin")));
        long before = eventsOf(org);

        HttpResult forbidden = http.as(TestTokens.user(admin)).post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(email("x"), roleId(org, owner, "Owner")));

        assertEvoError(forbidden, 403, "owner-required");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void everyRoute_answers404InEvoShape_forMemberOfAnotherOrganization() {
        String stranger = email("stranger");
        createOrganization(stranger);
        Http asStranger = http.as(TestTokens.user(stranger));

        assertEvoError(asStranger.get(base + "/members/users"), 404, "organization-not-found");
        assertEvoError(asStranger.get(base + "/members/invitations"), 404, "organization-not-found");
        assertEvoError(asStranger.get(base + "/members/roles"), 404, "organization-not-found");
        assertEvoError(asStranger.post(base + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(email("x"), UUID.randomUUID())),
                404, "organization-not-found");
    }

    @Test
    void everyRoute_answers401InEvoShape_withoutTokenOrWithBadSignatureOrExpiredToken() {
        for (Http caller : new Http[] {http.anonymous(), http.as(TestTokens.badSignature(owner)),
                http.as(TestTokens.expired(owner)), http.as("not.a.jwt")}) {
            assertEvoError(caller.get(base + "/members/users"), 401, "unauthenticated");
            assertEvoError(caller.get(base + "/members/invitations"), 401, "unauthenticated");
            assertEvoError(caller.get(base + "/members/roles"), 401, "unauthenticated");
            assertEvoError(caller.post(base + "/members/users", "{}"), 401, "unauthenticated");
        }
    }

    @Test
    void addUsers_answers422WithInvalidParamsAndWritesNothing_forBadInput() {
        String userRole = roleId(org, owner, "User");
        long before = allEvents();
        String[][] cases = {
                {"{\"users\": [", "body"},
                {"", "body"},
                {"[]", "body"},
                {"{\"users\": \"x\"}", "users"},
                {"{\"users\": []}", "users"},
                {"{}", "users"},
                {"{\"users\": [{\"email\": 12, \"roles\": [\"" + userRole + "\"]}]}", "users[0].email"},
                {"{\"users\": [{\"email\": \"not-an-email\", \"roles\": [\"" + userRole + "\"]}]}", "users[0].email"},
                {"{\"users\": [{\"email\": \"a@b.test\", \"roles\": [\"not-a-uuid\"]}]}", "users[0].roles[0]"},
                {"{\"users\": [{\"email\": \"a@b.test\", \"roles\": []}]}", "users[0].roles"},
                {"{\"users\": [{\"email\": \"a@b.test\", \"roles\": [\"" + UUID.randomUUID() + "\"]}]}", "users[0].roles[0]"},
                {"{\"users\": [{\"email\": \"a@b.test\", \"roles\": [\"" + userRole + "\"]},"
                        + " {\"email\": \"A@b.test\", \"roles\": [\"" + userRole + "\"]}]}", "users[1].email"},
        };
        for (String[] testCase : cases) {
            HttpResult result = asOwner.post(base + "/members/users", testCase[0]);
            assertThat(result.status()).as("status for %s", testCase[0]).isEqualTo(422);
            assertEvoShape(result);
            assertThat(result.json().get("invalid-params")).as("params for %s", testCase[0])
                    .extracting(p -> p.get("name").asText()).contains(testCase[1]);
        }
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void routes_answer422_forInvalidUuidInPathAndPagingOutOfRange() {
        String[][] cases = {
                {"/workspace/orgs/not-a-uuid/members/users", "org_id"},
                {"/workspace/orgs/not-a-uuid/members/roles", "org_id"},
                {base + "/members/users?limit=0", "limit"},
                {base + "/members/users?limit=1001", "limit"},
                {base + "/members/users?limit=abc", "limit"},
                {base + "/members/users?offset=-1", "offset"},
                {base + "/members/users?offset=99999999999", "offset"},
                {base + "/members/invitations?limit=-5", "limit"},
        };
        for (String[] testCase : cases) {
            HttpResult result = asOwner.get(testCase[0]);
            assertThat(result.status()).as("status for %s", testCase[0]).isEqualTo(422);
            assertEvoShape(result);
            assertThat(result.json().get("invalid-params")).extracting(p -> p.get("name").asText()).contains(testCase[1]);
        }
    }

    @Test
    void everyList_returnsAnEmptyPage_forTheLargestOffsets() {
        for (String list : List.of("/members/users", "/members", "/members/invitations")) {
            for (String window : List.of("offset=1073741823&limit=1", "offset=2147483647&limit=100", "offset=1073741324&limit=1000")) {
                HttpResult page = asOwner.get(base + list + "?" + window);

                assertThat(page.status()).as(list + "?" + window).isEqualTo(200);
                assertThat(page.json().get("results")).as(list + "?" + window).isEmpty();
            }
        }
    }

    @Test
    void listUsers_returnsAnEmptyPage_forAnOffsetPastTheEnd() {
        JsonNode page = asOwner.get(base + "/members/users?offset=50").json();

        assertThat(page.get("results")).isEmpty();
        assertThat(page.get("links").get("count").asInt()).isZero();
        assertThat(page.get("links").get("next").isNull()).isTrue();
    }
}
