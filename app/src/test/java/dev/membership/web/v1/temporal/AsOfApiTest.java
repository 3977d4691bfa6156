package dev.membership.web.v1.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** "As of" a time between two steps answers exactly the state at that time. */
class AsOfApiTest extends ApiTestSupport {

    @Test
    void asOfBetweenTwoSteps_returnsExactlyTheStateThen_forMembersRolesAndGroupMembers() throws InterruptedException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String nina = email("nina");
        String ninaMembership = invite(org, owner, nina, "User");
        Instant t1 = between();                                                  // nina invited as User
        http.as(TestTokens.user(nina)).post("/v1/invitations/" + ninaMembership + "/accept", null);
        Instant t2 = between();                                                  // nina accepted
        String ninaUser = userId(org, owner, nina);
        asOwner.patch("/workspace/orgs/" + org + "/members/users/" + ninaUser,
                "{\"roles\": [\"" + roleId(org, owner, "Admin") + "\"]}");
        Instant t3 = between();                                                  // nina is Admin
        String groupId = asOwner.post("/docspace/" + org + "/api/2.0/group",
                "{\"groupName\": \"Crew\", \"members\": [\"" + ninaMembership + "\"]}").json().get("response").get("id").asText();
        Instant t4 = between();                                                  // nina in the group
        asOwner.delete("/workspace/orgs/" + org + "/members/users/" + ninaUser);
        Instant t5 = between();                                                  // nina gone

        assertThat(member(asOwner, org, t1, nina)).isEqualTo("pending [User]");
        assertThat(member(asOwner, org, t2, nina)).isEqualTo("accepted [User]");
        assertThat(member(asOwner, org, t3, nina)).isEqualTo("accepted [Admin]");
        assertThat(member(asOwner, org, t5, nina)).isNull();
        assertThat(members(asOwner, org, t5)).containsExactly(owner);
        assertThat(asOwner.get("/v1/organizations/" + org + "/groups/" + groupId + "/members?asOf=" + enc(t3)).status())
                .as("the group did not exist yet").isEqualTo(404);
        assertThat(groupMembers(asOwner, org, groupId, t4)).containsExactly(nina);
        assertThat(groupMembers(asOwner, org, groupId, t5)).isEmpty();
        assertThat(members(asOwner, org, null)).containsExactly(owner);
        assertThat(asOwner.get("/v1/organizations/" + org + "/members?asOf=yesterday").status()).isEqualTo(422);
        String user = email("user");
        membership(org, owner, user, "User");
        assertThat(http.as(TestTokens.user(user)).get("/v1/organizations/" + org + "/members").status()).isEqualTo(403);
    }

    @Test
    void theFuture_isNotKnownYet_butAClientsClockAheadByLittleIsAnsweredAsThePresent() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String group = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Later\"}").json().get("id").asText();

        for (String path : List.of("/members", "/groups/" + group + "/members")) {
            HttpResult refused = asOwner.get("/v1/organizations/" + org + path + "?asOf=" + enc(Instant.now().plusSeconds(3600)));
            assertThat(refused.status()).as(path).isEqualTo(422);
            assertThat(refused.json().get("invalidParams").get(0).get("name").asText()).isEqualTo("asOf");
            assertThat(asOwner.get("/v1/organizations/" + org + path + "?asOf=" + enc(Instant.now().plusSeconds(10))).status())
                    .as(path).isEqualTo(200);
        }
        assertThat(members(asOwner, org, Instant.now().plusSeconds(10))).containsExactly(owner);
        JsonNode ahead = asOwner.get("/v1/organizations/" + org + "/members?asOf=" + enc(Instant.now().plusSeconds(10))).json();
        assertThat(Instant.parse(ahead.get("asOf").asText())).as("answered as now").isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void theFirstInstantKept_isAnswered_asAnOrganizationWithNoMembersYet() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String group = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Early\"}").json().get("id").asText();

        HttpResult members = asOwner.get("/v1/organizations/" + org + "/members?asOf=0001-01-01T00:00:00Z");
        HttpResult groupMembers = asOwner.get("/v1/organizations/" + org + "/groups/" + group + "/members?asOf=0001-01-01T00:00:00Z");

        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().get("members")).isEmpty();
        assertThat(members.json().get("asOf").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(groupMembers.status()).as("the group did not exist then").isEqualTo(404);
    }

    @Test
    void theInstantAnswered_isNamedAsTheDatabaseKeepsIt_inMicroseconds() {
        String owner = email("owner");
        UUID org = createOrganization(owner);

        JsonNode answer = http.as(TestTokens.user(owner))
                .get("/v1/organizations/" + org + "/members?asOf=" + enc(Instant.parse("2026-01-02T03:04:05.123456789Z"))).json();
        JsonNode now = http.as(TestTokens.user(owner)).get("/v1/organizations/" + org + "/members").json();

        assertThat(answer.get("asOf").asText()).isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(Instant.parse(now.get("asOf").asText()).getNano() % 1_000).as("now, to the microsecond").isZero();
    }

    @Test
    void aMembersRoleNamesAndIds_areInOneOrder() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String many = email("many-roles");
        membership(org, owner, many, "User");
        assertThat(asOwner.patch("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, many), "{\"roles\": [\""
                + roleId(org, owner, "User") + "\", \"" + roleId(org, owner, "Auditor") + "\", \"" + roleId(org, owner, "Admin")
                + "\"]}").status()).isEqualTo(200);

        JsonNode member = memberNamed(asOwner, org, null, many);

        assertThat(member).isNotNull();
        assertThat(member.get("roles")).extracting(JsonNode::asText).containsExactly("Admin", "Auditor", "User");
        for (int i = 0; i < 3; i++) {
            assertThat(member.get("roleIds").get(i).asText()).as("the id of " + member.get("roles").get(i))
                    .isEqualTo(roleId(org, owner, member.get("roles").get(i).asText()));
        }
    }

    @Test
    void aDeletedGroup_hasMembersAsOfBeforeItsDeletion_andIsNotFoundAsOfAfter() throws InterruptedException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String groupId = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Short-lived\"}").json().get("id").asText();
        Instant alive = between();
        assertThat(asOwner.delete("/docspace/" + org + "/api/2.0/group/" + groupId).status()).isEqualTo(204);
        Instant deleted = between();

        assertThat(asOwner.get("/v1/organizations/" + org + "/groups/" + groupId + "/members?asOf=" + enc(alive)).status())
                .isEqualTo(200);
        for (String after : new String[] {"?asOf=" + enc(deleted), ""}) {
            HttpResult gone = asOwner.get("/v1/organizations/" + org + "/groups/" + groupId + "/members" + after);
            assertThat(gone.status()).as("as of " + (after.isEmpty() ? "now" : after)).isEqualTo(404);
            assertThat(gone.json().get("code").asText()).isEqualTo("GROUP_NOT_FOUND");
        }
    }

    private static Instant between() throws InterruptedException {
        Thread.sleep(15);
        Instant now = Instant.now();
        Thread.sleep(15);
        return now;
    }

    private String member(Http http, UUID org, Instant at, String email) {
        JsonNode member = memberNamed(http, org, at, email);
        if (member == null) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        member.get("roles").forEach(role -> roles.add(role.asText()));
        return member.get("status").asText() + " " + roles;
    }

    /** The member of that email as of {@code at} (now when null), or null. */
    private JsonNode memberNamed(Http http, UUID org, Instant at, String email) {
        for (JsonNode member : http.get("/v1/organizations/" + org + "/members" + (at == null ? "" : "?asOf=" + enc(at)))
                .json().get("members")) {
            if (member.get("email").asText().equals(email)) {
                return member;
            }
        }
        return null;
    }

    /**
     * One request's changes carry one time, the time its answer names: "as of" any instant shows all of an
     * all-or-nothing request or none of it, and "as of" the {@code created_date} of the answer shows what it created.
     */
    @Test
    void aRequestsChanges_shareOneTime_theOneItsAnswerNames() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String role = roleId(org, owner, "User");
        List<String> invitees = List.of(email("ann"), email("ben"), email("cai"));
        JsonNode invited = asOwner.post("/workspace/orgs/" + org + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}, {"email": "%s", "roles": ["%s"]}, {"email": "%s", "roles": ["%s"]}]}"""
                .formatted(invitees.get(0), role, invitees.get(1), role, invitees.get(2), role)).json();
        awaitAudit();

        List<String> times = new ArrayList<>();
        asOwner.get("/v1/organizations/" + org + "/audit?type=UserInvitedEvent").json().get("items")
                .forEach(entry -> times.add(entry.get("occurredAt").asText()));
        Instant answered = Instant.parse(invited.get("invitations").get(0).get("created_date").asText());

        assertThat(times).hasSize(3).containsOnly(times.get(0));
        Instant stamped = Instant.parse(times.get(0));
        assertThat(answered).isEqualTo(stamped);
        assertThat(members(asOwner, org, answered)).containsAll(invitees);
        assertThat(asOwner.get("/v1/organizations/" + org + "/audit?type=UserInvitedEvent&from=" + enc(answered))
                .json().get("items")).hasSize(3);
        // a nanosecond before: not rounded up to the change by the database's microseconds
        assertThat(members(asOwner, org, stamped.minusNanos(1))).doesNotContainAnyElementsOf(invitees);
        String log = "/v1/organizations/" + org + "/audit?type=UserInvitedEvent&";
        assertThat(asOwner.get(log + "to=" + enc(stamped.plusNanos(400))).json().get("items")).hasSize(3);
        assertThat(asOwner.get(log + "from=" + enc(stamped.plusNanos(400))).json().get("items")).isEmpty();
    }

    /** A removal and the group leavings it causes carry one time: "as of" never shows the removed member in a group. */
    @Test
    void aRemovalAndTheGroupLeavingsItCauses_shareOneTime() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String leaver = email("leaver");
        String membershipId = membership(org, owner, leaver, "User");
        asOwner.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Crew\", \"members\": [\"" + membershipId + "\"]}");
        asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, leaver));
        awaitAudit();

        String removed = asOwner.get("/v1/organizations/" + org + "/audit?type=UserRemovedEvent").json()
                .get("items").get(0).get("occurredAt").asText();
        String left = asOwner.get("/v1/organizations/" + org + "/audit?type=GroupMemberRemovedEvent").json()
                .get("items").get(0).get("occurredAt").asText();

        assertThat(left).isEqualTo(removed);
    }

    /**
     * A directory group provisioned again invites the newcomers of every group linked to it, with the time of the
     * groups' change: "as of" never shows the group without members its own history says joined then.
     */
    @Test
    void aDirectoryGroupsNewcomers_areInvitedAtTheTimeTheyJoinItsLinkedGroup() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        Http asAdmin = http.as(TestTokens.platformAdmin());
        String directory = "ims-" + UUID.randomUUID();
        String first = email("first");
        String newcomer = email("newcomer");
        String provision = "{\"name\": \"Geology\", \"federated\": true, \"members\": [%s]}";
        String person = "{\"email\": \"%s\", \"fullName\": \"Someone\"}";
        assertThat(asAdmin.put("/v1/directory/groups/" + directory, provision.formatted(person.formatted(first))).status())
                .isEqualTo(201);
        String groupId = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Field\"}").json().get("id").asText();
        assertThat(asOwner.patch("/workspace/orgs/" + org + "/members/groups/" + groupId,
                "{\"ims_groups\": [\"" + directory + "\"]}").status()).isEqualTo(200);

        assertThat(asAdmin.put("/v1/directory/groups/" + directory,
                provision.formatted(person.formatted(first) + "," + person.formatted(newcomer))).status()).isEqualTo(200);
        awaitAudit();

        String audit = "/v1/organizations/" + org + "/audit?subject=" + groupId;
        JsonNode joined = null;
        for (JsonNode entry : asOwner.get(audit).json().get("items")) {
            if (entry.get("type").asText().equals("GroupMembersReplacedEvent")) {
                joined = entry; // the last: the newcomer's
            }
        }
        assertThat(joined).as("the group's change").isNotNull();
        Instant at = Instant.parse(joined.get("occurredAt").asText());
        JsonNode invited = asOwner.get("/v1/organizations/" + org + "/audit?type=UserInvitedEvent").json().get("items");
        assertThat(invited).hasSize(2);
        assertThat(invited.get(1).toString()).contains(newcomer);
        assertThat(Instant.parse(invited.get(1).get("occurredAt").asText())).isEqualTo(at);
        assertThat(groupMembers(asOwner, org, groupId, at)).containsExactlyInAnyOrder(first, newcomer);
    }

    private List<String> members(Http http, UUID org, Instant at) {
        List<String> emails = new ArrayList<>();
        http.get("/v1/organizations/" + org + "/members" + (at == null ? "" : "?asOf=" + enc(at))).json().get("members")
                .forEach(m -> emails.add(m.get("email").asText()));
        return emails;
    }

    private List<String> groupMembers(Http http, UUID org, String groupId, Instant at) {
        List<String> emails = new ArrayList<>();
        http.get("/v1/organizations/" + org + "/groups/" + groupId + "/members?asOf=" + enc(at)).json().get("members")
                .forEach(m -> emails.add(m.get("email").asText()));
        return emails;
    }

    private static String enc(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
