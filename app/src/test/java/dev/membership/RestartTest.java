package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.infra.embedded.EmbeddedDatabases;
import dev.membership.support.Http;
import dev.membership.support.TestDatabase;
import dev.membership.support.TestTokens;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application and its embedded PostgreSQL stop and start again on the same data directory: organizations,
 * members, invitations and roles are all still there, and the organization, loaded from its snapshot, still
 * takes commands.
 */
@DisabledIfEnvironmentVariable(named = "MEMBERSHIP_TEST_DB_URL", matches = ".+")
class RestartTest {

    @Test
    void stateSurvivesARestartOfTheApplicationAndItsDatabase() {
        TestDatabase.configure();
        Path dataDirectory = TestDatabase.freshDirectory("restart");
        String owner = "owner-" + UUID.randomUUID() + "@acme.test";
        String invitee = "invitee-" + UUID.randomUUID() + "@acme.test";
        UUID org;
        String userRole;

        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            Http http = http(first);
            org = UUID.fromString(http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                    "{\"name\":\"Durable\",\"ownerEmail\":\"" + owner + "\"}").json().get("id").asText());
            Http asOwner = http.as(TestTokens.user(owner));
            userRole = role(asOwner, org, "User");
            for (int i = 0; i < 3; i++) {
                assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                        {"users": [{"email": "%d-%s", "roles": ["%s"]}]}""".formatted(i, invitee, userRole)).status())
                        .isEqualTo(201);
            }
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

            Long snapshots = second.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                    .param("id", org.toString()).query(Long.class).single();
            assertThat(snapshots).isPositive();
            // the aggregate is sourced from its snapshot after the restart, and invariants still hold
            assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                    {"users": [{"email": "0-%s", "roles": ["%s"]}]}""".formatted(invitee, userRole)).status())
                    .isEqualTo(409);
            assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                    {"users": [{"email": "3-%s", "roles": ["%s"]}]}""".formatted(invitee, userRole)).status())
                    .isEqualTo(201);
        } finally {
            EmbeddedDatabases.stop(dataDirectory);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(MembershipApplication.class)
                .run("--server.port=0",
                        "--membership.embedded-postgres.data-directory=" + dataDirectory,
                        "--membership.snapshot-threshold=3");
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
