package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.api.membership.InvitationMode;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.organization.CreateOrganizationCommand;
import dev.membership.api.shared.Actor;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.RoutingKey;
import org.axonframework.common.Registration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Writes sent at the same time are committed together, and still answered as if each had been committed alone: a
 * 2xx only once stored and listed, a refusal or a conflict only for the write it concerns.
 */
class CommandBatchesApiTest extends ApiTestSupport {

    @Autowired
    private BatchingCommandBus bus;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private CommandGateway commands;

    private final ExecutorService clients = Executors.newFixedThreadPool(24);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void invitesSentTogether_areStoredInOneTransaction_andEachIsListedWhenAnswered() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String role = roleId(org, owner, "User");
        Http asOwner = http.as(TestTokens.user(owner));
        List<String> emails = new ArrayList<>();
        List<Future<HttpResult>> invites = new ArrayList<>();
        try (Connection rebuild = dataSource.getConnection(); Statement sql = rebuild.createStatement()) {
            // what a rebuild of the member list holds: the first write's batch waits for it, the others queue behind
            rebuild.setAutoCommit(false);
            sql.execute("SELECT pg_advisory_xact_lock(hashtext('projection:members'))");
            for (int i = 0; i < 20; i++) {
                String invited = email("batched" + i);
                emails.add(invited);
                invites.add(async(() -> asOwner.post("/workspace/orgs/" + org + "/members/users", invite(invited, role))));
                if (i == 0) {
                    awaitBatchHeldUp();
                }
            }
            awaitWaiting(19);
            rebuild.rollback();
        }

        for (Future<HttpResult> invite : invites) {
            HttpResult answer = invite.get();
            assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        }
        Set<String> listed = new HashSet<>();
        asOwner.get("/workspace/orgs/" + org + "/members/invitations?limit=100").json().get("results")
                .forEach(invitation -> listed.add(invitation.get("email").asText()));
        assertThat(listed).containsAll(emails);
        assertThat(jdbc.sql("""
                        SELECT count(DISTINCT xmin::text) FROM domain_event_entry
                        WHERE aggregate_identifier = :org AND payload_type LIKE '%UserInvitedEvent'""")
                .param("org", org.toString()).query(Long.class).single())
                .as("transactions that stored the 20 invitations").isEqualTo(2);
    }

    @Test
    void aBatchWhoseEventsConflictWhenStored_isRunAgain_andOnlyTheConflictingWriteFails() throws Exception {
        String owner = email("owner");
        UUID existing = createOrganization(owner);
        String role = roleId(existing, owner, "User");
        UUID contested = sameWriter(existing);
        Http asAdmin = http.as(TestTokens.platformAdmin());
        Http asOwner = http.as(TestTokens.user(owner));
        String create = "{\"id\":\"" + contested + "\",\"name\":\"Contested\",\"ownerEmail\":\"" + email("first") + "\"}";
        String first = email("a");
        String second = email("b");
        Future<HttpResult> created;
        Future<HttpResult> again;
        Future<HttpResult> inviteFirst;
        Future<HttpResult> inviteSecond;
        try (Connection rebuild = dataSource.getConnection(); Statement sql = rebuild.createStatement()) {
            rebuild.setAutoCommit(false);
            sql.execute("SELECT pg_advisory_xact_lock(hashtext('projection:members'))");
            created = async(() -> asAdmin.post("/v1/organizations", create));
            awaitBatchHeldUp();
            // the same organization again, in the next batch with two writes that are fine on their own
            again = async(() -> asAdmin.post("/v1/organizations", create));
            inviteFirst = async(() -> asOwner.post("/workspace/orgs/" + existing + "/members/users", invite(first, role)));
            inviteSecond = async(() -> asOwner.post("/workspace/orgs/" + existing + "/members/users", invite(second, role)));
            awaitWaiting(3);
            rebuild.rollback();
        }

        assertThat(created.get().status()).as("%s", created.get()).isEqualTo(201);
        assertThat(again.get().status()).as("%s", again.get()).isEqualTo(409);
        assertThat(inviteFirst.get().status()).as("%s", inviteFirst.get()).isEqualTo(201);
        assertThat(inviteSecond.get().status()).as("%s", inviteSecond.get()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM read.member_v1 WHERE organization_id = :org AND email IN (:a, :b)")
                .param("org", existing).param("a", first).param("b", second).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM read.organization_v1 WHERE organization_id = :org")
                .param("org", contested).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBatchsOneRowWrites_travelInJdbcBatches_andAreStoredWhenItIsAnswered() {
        UUID route = UUID.randomUUID();
        List<Integer> counts = new ArrayList<>();
        Registration probe = bus.subscribe(RouteProbe.class.getName(), message -> {
            // a one-row insert, as the read models make: in a batch its row count is not known until it is sent
            counts.add(jdbc.sql("INSERT INTO read.invitation_route_v1 (invitation_id, organization_id) VALUES (:id, :id)")
                    .param("id", route).update());
            return "written";
        });
        try {
            Object answer = commands.sendAndWait(new RouteProbe(route));

            assertThat(answer).isEqualTo("written");
            assertThat(counts).containsExactly(java.sql.Statement.SUCCESS_NO_INFO);
            assertThat(jdbc.sql("SELECT count(*) FROM read.invitation_route_v1 WHERE invitation_id = :id")
                    .param("id", route).query(Long.class).single()).isEqualTo(1);
        } finally {
            probe.cancel();
            jdbc.sql("DELETE FROM read.invitation_route_v1 WHERE invitation_id = :id").param("id", route).update();
        }
    }

    record RouteProbe(UUID id) {
    }

    @Test
    void aFailureAxonDoesNotRollBack_leavesNoTransactionOpen_forTheWritesOnTheSameWriterAfterIt() {
        String writer = "writer-" + UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        Registration probe = bus.subscribe(ErrorProbe.class.getName(), message -> {
            ErrorProbe command = (ErrorProbe) message.getPayload();
            jdbc.sql("INSERT INTO read.invitation_route_v1 (invitation_id, organization_id) VALUES (:id, :id)")
                    .param("id", command.id()).update();
            if (command.fail()) {
                // an Error, not an exception, from the commit: Axon then runs no rollback handler
                CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> {
                    throw new AssertionError("a failure while committing");
                });
            }
            return "written";
        });
        try {
            assertThatThrownBy(() -> commands.sendAndWait(new ErrorProbe(failed, true, writer)))
                    .hasMessageContaining("a failure while committing");
            Object answer = commands.sendAndWait(new ErrorProbe(next, false, writer));

            assertThat(answer).isEqualTo("written");
            // read on another connection: the write answered is committed, the failed one is not
            assertThat(jdbc.sql("SELECT count(*) FROM read.invitation_route_v1 WHERE invitation_id = :id")
                    .param("id", next).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM read.invitation_route_v1 WHERE invitation_id = :id")
                    .param("id", failed).query(Long.class).single()).isZero();
        } finally {
            probe.cancel();
            jdbc.sql("DELETE FROM read.invitation_route_v1 WHERE invitation_id IN (:a, :b)")
                    .param("a", failed).param("b", next).update();
        }
    }

    /** Probes with the same {@code writer} go to the same writer thread. */
    record ErrorProbe(UUID id, boolean fail, @RoutingKey String writer) {
    }

    /** An organization id whose commands go to the same writer as those of {@code organization}. */
    private UUID sameWriter(UUID organization) {
        int writer = bus.writerOf(GenericCommandMessage.asCommandMessage(
                new InviteUsersCommand(organization, List.of(), InvitationMode.ADD_KNOWN_PEOPLE, Actor.system())));
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (bus.writerOf(GenericCommandMessage.asCommandMessage(
                    new CreateOrganizationCommand(candidate, "x", "x@acme.test", null, Actor.system()))) == writer) {
                return candidate;
            }
        }
    }

    private Future<HttpResult> async(Callable<HttpResult> request) {
        return clients.submit(request);
    }

    /** A batch is in progress and waits for the advisory lock. */
    private void awaitBatchHeldUp() throws InterruptedException {
        awaitUntil(() -> jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .query(Long.class).single() > 0, "a batch waiting for the lock");
    }

    private void awaitWaiting(int commands) throws InterruptedException {
        awaitUntil(() -> bus.waiting() >= commands, commands + " commands waiting for their writer");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static String invite(String email, String role) {
        return "{\"users\": [{\"email\": \"" + email + "\", \"roles\": [\"" + role + "\"]}]}";
    }
}
