package dev.membership.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.MembershipApplication;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestDatabase;
import dev.membership.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes of the service on one database. Each caches the organizations and groups it loads; a command that reaches
 * a node whose cached aggregate the other node has changed since runs on the stored state: a change back to what the
 * old state shows is stored, and what the other node created is found.
 */
class SecondNodeApiTest extends ApiTestSupport {

    private static ConfigurableApplicationContext secondNode;

    @BeforeAll
    static void startASecondNode() {
        TestDatabase.configure();
        secondNode = new SpringApplicationBuilder(MembershipApplication.class).run("--server.port=0");
    }

    @AfterAll
    static void stopTheSecondNode() {
        secondNode.close();
    }

    private static Http onTheSecondNode() {
        return new Http("http://localhost:" + ((WebServerApplicationContext) secondNode).getWebServer().getPort(), null);
    }

    @Test
    void rolesSetBackOnOneNode_afterTheOtherChangedThem_areStored() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = email("member");
        String userId = join(org, owner, member, "User");
        String user = roleId(org, owner, "User");
        String auditor = roleId(org, owner, "Auditor");
        String path = "/workspace/orgs/" + org + "/members/users/" + userId;

        assertThat(onTheSecondNode().as(TestTokens.user(owner)).patch(path, "{\"roles\": [\"" + auditor + "\"]}").status())
                .isEqualTo(200);
        HttpResult back = http.as(TestTokens.user(owner)).patch(path, "{\"roles\": [\"" + user + "\"]}");

        assertThat(back.status()).as("%s", back).isEqualTo(200);
        assertThat(eventsOf(org, "UserRolesUpdatedEvent")).as("both changes stored").isEqualTo(2);
        for (Http node : new Http[] {http, onTheSecondNode()}) {
            assertThat(rolesOf(node, org, owner, member)).containsExactly("User");
        }
    }

    @Test
    void aGroupFilledAgainOnOneNode_afterTheOtherEmptiedIt_holdsItsMember() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = membership(org, owner, email("member"), "User");
        Http first = http.as(TestTokens.user(owner));
        String group = first.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Shared\"}")
                .json().get("response").get("id").asText();
        String members = "/docspace/" + org + "/api/2.0/group/" + group + "/members";

        // D1, which sets the members to those listed
        assertThat(first.post(members, "{\"members\": [\"" + member + "\"]}").status()).isEqualTo(200);
        assertThat(onTheSecondNode().as(TestTokens.user(owner)).post(members, "{\"members\": []}").status()).isEqualTo(200);
        HttpResult filled = first.post(members, "{\"members\": [\"" + member + "\"]}");

        assertThat(filled.status()).as("%s", filled).isEqualTo(200);
        assertThat(eventsOf(UUID.fromString(group), "GroupMembersReplacedEvent")).as("three replacements stored").isEqualTo(3);
        for (Http node : new Http[] {http, onTheSecondNode()}) {
            JsonNode listed = node.as(TestTokens.user(owner)).get("/docspace/" + org + "/api/2.0/group/" + group)
                    .json().get("response").get("members");
            assertThat(listed).extracting(m -> m.get("id").asText()).containsExactly(member);
        }
    }

    @Test
    void anInvitationMadeOnOneNode_isAcceptedThroughTheOther_atOnce() {
        String owner = email("owner");
        UUID org = createOrganization(owner); // the first node now holds the organization
        String invitee = email("invitee");
        String userRole = roleId(org, owner, "User");
        HttpResult invited = onTheSecondNode().as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + invitee + "\", \"roles\": [\"" + userRole + "\"]}]}");
        assertThat(invited.status()).isEqualTo(201);
        String invitation = invited.json().get("invitations").get(0).get("id").asText();

        HttpResult accepted = http.as(TestTokens.user(invitee)).post("/v1/invitations/" + invitation + "/accept", null);

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        assertThat(rolesOf(http, org, owner, invitee)).containsExactly("User");
    }

    /**
     * A command that changes an organization cached before the other node changed it is refused by the store (its
     * event's sequence number is taken) and runs again on the stored state: both nodes' invitations are stored.
     */
    @Test
    void anInviteOnOneNode_afterTheOtherInvitedSomeone_isStoredBesideIt() {
        String owner = email("owner");
        UUID org = createOrganization(owner); // the first node now holds the organization
        String role = roleId(org, owner, "User");
        String path = "/workspace/orgs/" + org + "/members/users";
        String first = email("first");
        String second = email("second");
        assertThat(onTheSecondNode().as(TestTokens.user(owner))
                .post(path, "{\"users\": [{\"email\": \"" + first + "\", \"roles\": [\"" + role + "\"]}]}").status())
                .isEqualTo(201);

        HttpResult invited = http.as(TestTokens.user(owner))
                .post(path, "{\"users\": [{\"email\": \"" + second + "\", \"roles\": [\"" + role + "\"]}]}");

        assertThat(invited.status()).as("%s", invited).isEqualTo(201);
        assertThat(eventsOf(org, "UserInvitedEvent")).isEqualTo(2);
        for (Http node : new Http[] {http, onTheSecondNode()}) {
            JsonNode invitations = node.as(TestTokens.user(owner)).get("/workspace/orgs/" + org + "/members/invitations")
                    .json().get("results");
            assertThat(invitations).extracting(i -> i.get("email").asText()).containsExactlyInAnyOrder(first, second);
        }
    }

    /**
     * A rebuild of the audit log on this node while another node's processor holds the audit log's position: the rows
     * are rebuilt, the rebuild is reported done (the other node goes on from its own position), not failed.
     */
    @Test
    void theAuditLogRebuiltOnOneNode_whileAnotherHoldsItsProcessor_isReportedDone() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        membership(org, owner, email("member"), "User");
        awaitAudited(org);
        jdbc.sql("UPDATE token_entry SET owner = 'another-node@elsewhere', timestamp = :now WHERE processor_name = 'audit'")
                .param("now", java.time.Instant.now().toString()).update();
        try {
            String before = http.as(TestTokens.platformAdmin()).get("/v1/admin/projections/audit").json()
                    .path("lastRebuildStartedAt").asText();
            assertThat(http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/audit/rebuild", null).status())
                    .isEqualTo(202);
            JsonNode status = awaitRebuilt("audit", before);

            assertThat(status.get("state").asText()).as("%s", status).isEqualTo("idle");
            assertThat(status.path("lastError").isNull() || status.path("lastError").isMissingNode()).as("%s", status).isTrue();
            assertThat(audited(org)).isEqualTo(eventsOf(org));
        } finally {
            // released, so that every test context's processor claims it again at once
            jdbc.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = 'audit'").update();
        }
    }

    @Test
    void aLinkMadeAgainOnOneNode_afterTheOtherUnlinked_isStored() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = email("member");
        join(org, owner, member, "User");
        String ims = "ims-" + UUID.randomUUID();
        assertThat(provision(ims, member).status()).isEqualTo(201);
        String group = createGroup(org, owner);
        String path = "/workspace/orgs/" + org + "/members/groups/" + group;
        String link = "{\"ims_groups\": [\"" + ims + "\"]}";

        // this node links (and so caches the group, linked)
        assertThat(evo(http, owner).patch(path, link).status()).isEqualTo(200);
        // the second node unlinks
        assertThat(evo(onTheSecondNode(), owner).patch(path, "{\"ims_groups\": []}").status()).isEqualTo(200);
        long before = eventsOf(UUID.fromString(group));
        // this node links again: its cached group still shows the link, so nothing is written
        HttpResult again = evo(http, owner).patch(path, link);

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(eventsOf(UUID.fromString(group))).as("the link is stored again").isGreaterThan(before);
        JsonNode stored = http.as(TestTokens.user(owner)).get("/v1/organizations/" + org + "/groups/" + group).json();
        List<String> members = new ArrayList<>();
        stored.get("members").forEach(m -> members.add(m.get("email").asText()));
        assertThat(members).as("the linked person is in the group").containsExactly(member);
    }

    /** A directory group changing on this node is followed by a group that the other node linked to it meanwhile. */
    @Test
    void aNewcomerOfADirectoryGroupLinkedOnTheOtherNode_joinsTheGroup() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String first = email("first");
        String newcomer = email("newcomer");
        join(org, owner, first, "User");
        join(org, owner, newcomer, "User");
        String imsA = "ims-a-" + UUID.randomUUID();
        String imsB = "ims-b-" + UUID.randomUUID();
        assertThat(provision(imsA, first).status()).isEqualTo(201);
        assertThat(provision(imsB).status()).isEqualTo(201);
        String group = createGroup(org, owner);
        String path = "/workspace/orgs/" + org + "/members/groups/" + group;

        assertThat(evo(http, owner).patch(path, "{\"ims_groups\": [\"" + imsA + "\"]}").status()).isEqualTo(200);
        assertThat(evo(onTheSecondNode(), owner).patch(path, "{\"ims_groups\": [\"" + imsA + "\", \"" + imsB + "\"]}")
                .status()).isEqualTo(200);
        // the newcomer arrives in B, provisioned through this node, whose cached group links A only
        assertThat(provision(imsB, newcomer).status()).isEqualTo(200);

        JsonNode stored = http.as(TestTokens.user(owner)).get("/v1/organizations/" + org + "/groups/" + group).json();
        List<String> members = new ArrayList<>();
        stored.get("members").forEach(m -> members.add(m.get("email").asText()));
        assertThat(members).containsExactlyInAnyOrder(first, newcomer);
    }

    private long audited(UUID org) {
        return jdbc.sql("SELECT count(*) FROM read.audit_v1 WHERE aggregate_id = :id").param("id", org.toString())
                .query(Long.class).single();
    }

    private void awaitAudited(UUID org) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (audited(org) < eventsOf(org)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the audit log did not catch up with " + org);
            }
            pause();
        }
    }

    /** The read model's status once a rebuild begun after {@code startedBefore} has ended. */
    private JsonNode awaitRebuilt(String name, String startedBefore) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = http.as(TestTokens.platformAdmin()).get("/v1/admin/projections/" + name).json();
            if (!status.get("state").asText().equals("rebuilding")
                    && !status.path("lastRebuildStartedAt").asText().equals(startedBefore)) {
                return status;
            }
            pause();
        }
        throw new AssertionError("the rebuild of " + name + " did not finish");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> rolesOf(Http node, UUID org, String owner, String email) {
        JsonNode users = node.as(TestTokens.user(owner)).get("/workspace/orgs/" + org + "/members/users?limit=100")
                .json().get("results");
        for (JsonNode user : users) {
            if (user.get("email").asText().equals(email)) {
                java.util.List<String> roles = new java.util.ArrayList<>();
                user.get("roles").forEach(role -> roles.add(role.get("name").asText()));
                return roles;
            }
        }
        throw new AssertionError(email + " is not a member: " + users);
    }

    private static Http evo(Http node, String owner) {
        return node.as(TestTokens.user(owner)).header("API-Preview", "opt-in");
    }

    private HttpResult provision(String id, String... emails) {
        StringBuilder members = new StringBuilder();
        for (String email : emails) {
            members.append(members.isEmpty() ? "" : ",").append("{\"email\": \"").append(email).append("\"}");
        }
        return http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/" + id,
                "{\"name\": \"Dir\", \"federated\": true, \"members\": [" + members + "]}");
    }

    private String createGroup(UUID org, String owner) {
        HttpResult created = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                "{\"name\": \"Linked\", \"description\": \"x\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
