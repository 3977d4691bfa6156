package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.infra.embedded.EmbeddedDatabases;
import dev.membership.support.Http;
import dev.membership.support.TestDatabase;
import dev.membership.support.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application and its embedded PostgreSQL stop and start again on the same data directory: organizations,
 * members, invitations, roles and groups are all still there, and the organization and the group, loaded from their
 * snapshots, still take commands.
 */
@DisabledIfEnvironmentVariable(named = "MEMBERSHIP_TEST_DB_URL", matches = ".+",
        disabledReason = "starts and stops its own embedded PostgreSQL")
class RestartTest {

    @Test
    void stateSurvivesARestartOfTheApplicationAndItsDatabase() {
        TestDatabase.configure();
        Path dataDirectory = TestDatabase.freshDirectory("restart");
        String owner = "owner-" + UUID.randomUUID() + "@acme.test";
        String invitee = "invitee-" + UUID.randomUUID() + "@acme.test";
        UUID org;
        String userRole;
        List<String> invited = new ArrayList<>();
        String group;

        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            Http http = http(first);
            org = UUID.fromString(http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                    "{\"name\":\"Durable\",\"ownerEmail\":\"" + owner + "\"}").json().get("id").asText());
            Http asOwner = http.as(TestTokens.user(owner));
            userRole = role(asOwner, org, "User");
            for (int i = 0; i < 3; i++) {
                var invitation = asOwner.post("/workspace/orgs/" + org + "/members/users", """
                        {"users": [{"email": "%d-%s", "roles": ["%s"]}]}""".formatted(i, invitee, userRole));
                assertThat(invitation.status()).isEqualTo(201);
                invited.add(invitation.json().get("invitations").get(0).get("id").asText());
            }
            // created with three members (three ids carried, over the threshold of two): the group is snapshotted
            group = asOwner.post("/docspace/" + org + "/api/2.0/group", """
                    {"groupName": "Durable", "members": ["%s", "%s", "%s"]}""".formatted(invited.toArray()))
                    .json().get("response").get("id").asText();
            awaitSnapshotOf(first, group);
            // provisioned again with three people (over the threshold of two): the directory group is snapshotted
            String directoryGroup = "/v1/directory/groups/durable-" + org;
            assertThat(http.as(TestTokens.platformAdmin()).put(directoryGroup, """
                    {"name": "Durable", "federated": false, "members": [{"email": "a-%s"}]}""".formatted(invitee)).status())
                    .isEqualTo(201);
            assertThat(http.as(TestTokens.platformAdmin()).put(directoryGroup, """
                    {"name": "Durable", "federated": false, "members": [{"email": "a-%1$s"}, {"email": "b-%1$s"}, {"email": "c-%1$s"}]}"""
                    .formatted(invitee)).status()).isEqualTo(200);
            awaitSnapshotOf(first, "directory-group:durable-" + org);
        }
        EmbeddedDatabases.stop(dataDirectory);

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            Http asOwner = http(second).as(TestTokens.user(owner));
            JsonNode members = asOwner.get("/workspace/orgs/" + org + "/members/users").json();
            assertThat(members.get("results")).extracting(m -> m.get("email").asText()).containsExactly(owner);
            JsonNode invitations = asOwner.get("/workspace/orgs/" + org + "/members/invitations").json();
            assertThat(invitations.get("results")).extracting(m -> m.get("email").asText())
                    .containsExactly("0-" + invitee, "1-" + invitee, "2-" + invitee);
            assertThat(role(asOwner, org, "User")).isEqualTo(userRole);
            assertThat(asOwner.get("/v1/organizations/" + org).json().get("invitationCount").asLong()).isEqualTo(3);

            assertThat(snapshotsOf(second.getBean(JdbcClient.class), org.toString())).isPositive();
            // the aggregate is sourced from its snapshot after the restart, and invariants still hold
            assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                    {"users": [{"email": "0-%s", "roles": ["%s"]}]}""".formatted(invitee, userRole)).status())
                    .isEqualTo(409);
            assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                    {"users": [{"email": "3-%s", "roles": ["%s"]}]}""".formatted(invitee, userRole)).status())
                    .isEqualTo(201);

            // the directory group, loaded from its snapshot, is provisioned again (replaced, not created)
            assertThat(http(second).as(TestTokens.platformAdmin()).put("/v1/directory/groups/durable-" + org, """
                    {"name": "Durable", "federated": false, "members": [{"email": "a-%s"}]}""".formatted(invitee)).status())
                    .isEqualTo(200);

            // the group, loaded from its snapshot, still knows its members and the order they joined in
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            String groupMembers = "/docspace/" + org + "/api/2.0/group/" + group + "/members";
            assertThat(asOwner.put(groupMembers, "{\"members\": [\"" + invited.get(1) + "\"]}").status()).isEqualTo(200);
            assertThat(eventsOf(jdbc, group)).as("created, its members set; adding one it has changes nothing").isEqualTo(2);
            assertThat(asOwner.post(groupMembers, "{\"members\": []}").status()).isEqualTo(200);
            assertThat(jdbc.sql("""
                            SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                            WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1""")
                    .param("id", group).query(String.class).single())
                    .contains("\"removedMembershipIds\":[\"" + String.join("\",\"", invited) + "\"]");
        } finally {
            EmbeddedDatabases.stop(dataDirectory);
        }
    }

    /**
     * A snapshot of an older shape (a field it lacks would load as {@code null}) is passed over after a restart, as the
     * aggregate's revision differs from the snapshot's: the organization is sourced from its events and takes commands.
     */
    @Test
    void aSnapshotOfAnOlderShape_isPassedOver_andTheOrganizationIsSourcedFromItsEvents() {
        TestDatabase.configure();
        Path dataDirectory = TestDatabase.freshDirectory("old-snapshot");
        String owner = "owner-" + UUID.randomUUID() + "@acme.test";
        List<String> invitees = new ArrayList<>();
        List<String> invited = new ArrayList<>();
        UUID org;

        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            Http http = http(first);
            org = UUID.fromString(http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                    "{\"name\":\"Snapshotted\",\"ownerEmail\":\"" + owner + "\"}").json().get("id").asText());
            Http asOwner = http.as(TestTokens.user(owner));
            String userRole = role(asOwner, org, "User");
            for (int i = 0; i < 4; i++) {
                String invitee = i + "-invitee-" + UUID.randomUUID() + "@acme.test";
                invitees.add(invitee);
                invited.add(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                        {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(invitee, userRole))
                        .json().get("invitations").get(0).get("id").asText());
            }
            awaitSnapshotOf(first, org.toString());
            awaitSnapshotOfTheLastEvent(first.getBean(JdbcClient.class), org.toString()); // none is taken after it
            // as a snapshot taken before the organization kept its ended invitations: without that field, and without
            // the revision the aggregate now declares
            assertThat(first.getBean(JdbcClient.class).sql("""
                            UPDATE snapshot_event_entry SET payload_revision = NULL,
                                   payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'endedInvitations')::text, 'UTF8')
                            WHERE aggregate_identifier = :id""")
                    .param("id", org.toString()).update()).isPositive();
        }
        EmbeddedDatabases.stop(dataDirectory);

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            Http http = http(second);
            Http asOwner = http.as(TestTokens.user(owner));

            assertThat(http.as(TestTokens.user(invitees.get(0))).post("/v1/invitations/" + invited.get(0) + "/accept", null)
                    .status()).isEqualTo(200);
            assertThat(asOwner.delete("/workspace/orgs/" + org + "/members/invitations/" + invited.get(1)).status()).isEqualTo(204);
            assertThat(http.as(TestTokens.user(invitees.get(1))).post("/v1/invitations/" + invited.get(1) + "/accept", null)
                    .json().get("code").asText()).isEqualTo("INVITATION_REVOKED");
        } finally {
            EmbeddedDatabases.stop(dataDirectory);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(MembershipApplication.class)
                .run("--server.port=0",
                        "--membership.embedded-postgres.data-directory=" + dataDirectory,
                        "--membership.snapshot-threshold=3",
                        "--membership.group-snapshot-ids=2");
    }

    private static long eventsOf(JdbcClient jdbc, String aggregate) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregate).query(Long.class).single();
    }

    private static long snapshotsOf(JdbcClient jdbc, String aggregate) {
        return jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregate).query(Long.class).single();
    }

    /** Snapshots are taken off the command thread: waits until the aggregate's has been stored. */
    private static void awaitSnapshotOf(ConfigurableApplicationContext context, String aggregate) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (snapshotsOf(jdbc, aggregate) == 0) {
            assertThat(System.nanoTime()).as("a snapshot of " + aggregate).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until the aggregate's snapshot is of its last event, so that no later one replaces it. */
    private static void awaitSnapshotOfTheLastEvent(JdbcClient jdbc, String aggregate) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!jdbc.sql("""
                        SELECT (SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = :id)
                             = (SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = :id)""")
                .param("id", aggregate).query(Boolean.class).optional().orElse(false)) {
            assertThat(System.nanoTime()).as("a snapshot of the last event of " + aggregate).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Http http(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Http("http://localhost:" + port, null);
    }

    private static String role(Http http, UUID org, String name) {
        for (JsonNode role : http.get("/workspace/orgs/" + org + "/members/roles").json().get("roles")) {
            if (role.get("name").asText().equals(name)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }
}
