package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.MembershipApplication;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.Invitee;
import dev.membership.api.shared.Actor;
import dev.membership.infra.embedded.EmbeddedDatabases;
import dev.membership.support.Http;
import dev.membership.support.TestDatabase;
import dev.membership.support.TestTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application stops while commands still wait for the bus's writers: each of them is run while the subscribing
 * read models still listen, so every event stored has its rows.
 */
@DisabledIfEnvironmentVariable(named = "MEMBERSHIP_TEST_DB_URL", matches = ".+",
        disabledReason = "starts and stops its own embedded PostgreSQL")
class CommandBusShutdownTest {

    private static final int INVITES = 400;

    @Test
    void commandsWaitingWhenTheApplicationStopsReachTheirReadModels() throws Exception {
        TestDatabase.configure();
        Path dataDirectory = TestDatabase.freshDirectory("shutdown");
        UUID org;
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        long waitingAtTheStop;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MembershipApplication.class)
                .run("--server.port=0", "--membership.embedded-postgres.data-directory=" + dataDirectory)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            org = UUID.fromString(new Http("http://localhost:" + port, TestTokens.platformAdmin())
                    .post("/v1/organizations", "{\"name\":\"Stopping\",\"ownerEmail\":\"owner@stopping.test\"}")
                    .json().get("id").asText());
            CommandGateway commands = context.getBean(CommandGateway.class);
            Actor admin = new Actor("admin", "admin@stopping.test", "Admin", true);
            for (int i = 0; i < INVITES; i++) {
                sent.add(commands.send(new InviteUsersCommand(org,
                        List.of(new Invitee("invitee-" + i + "@stopping.test", List.of())), admin)));
            }
            waitingAtTheStop = sent.stream().filter(command -> !command.isDone()).count();
            // the context closes here, with most of those commands still waiting for the organization's writer
        }
        assertThat(waitingAtTheStop).as("commands still waiting when the application began to stop").isPositive();
        for (CompletableFuture<Object> command : sent) {
            assertThat(command.get(60, TimeUnit.SECONDS)).as("every command sent before the stop is answered").isNotNull();
        }

        try {
            var server = EmbeddedDatabases.start(dataDirectory, 0);
            JdbcClient jdbc = JdbcClient.create(server.getPostgresDatabase());
            long invited = jdbc.sql("""
                            SELECT count(*) FROM domain_event_entry
                            WHERE aggregate_identifier = :org AND payload_type LIKE '%UserInvitedEvent'""")
                    .param("org", org.toString()).query(Long.class).single();
            long listed = jdbc.sql("SELECT count(*) FROM read.member_v1 WHERE organization_id = :org AND status = 'pending'")
                    .param("org", org).query(Long.class).single();
            long lookedUp = jdbc.sql("SELECT count(*) FROM lookup.membership_v1 WHERE organization_id = :org")
                    .param("org", org).query(Long.class).single();
            assertThat(invited).as("invitations stored").isEqualTo(INVITES);
            assertThat(listed).as("pending members listed").isEqualTo(invited);
            assertThat(lookedUp).as("memberships looked up, the owner's included").isEqualTo(invited + 1);
        } finally {
            EmbeddedDatabases.stop(dataDirectory);
        }
    }
}
