package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.support.ApiTestSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows a unit of work writes in JDBC batches commit with what the event store writes through its own connection
 * (events, tokens), or not at all; and in a command batch, only the batch's own unit of work commits or rolls back the
 * transaction, whichever command first reads from the store.
 */
class BatchedWritesTest extends ApiTestSupport {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ConnectionProvider storeConnections;

    @Autowired
    private TransactionManager transactionManager;

    @AfterEach
    void removeMarkers() {
        jdbc.sql("DELETE FROM token_entry WHERE processor_name LIKE 'written-%' OR processor_name LIKE 'batched-writes-%'")
                .update();
    }

    @Test
    void batchedRowsThatFailWhenSent_rollBackWhatTheStoreWroteInTheSameUnitOfWork() {
        String processor = "batched-writes-" + UUID.randomUUID();
        UnitOfWork<?> root = unitOfWorkWithBatchedWrites();
        // a projection's row, held in the batch until the commit, where it fails: that row exists already
        new JdbcTemplate(dataSource).update("INSERT INTO read.audit_watermark_v1 (id, position) VALUES (?, ?)", 1, 0);
        // the store's own write, through its connection, as it appends events when the unit of work prepares to commit
        root.onPrepareCommit(unitOfWork -> storeWrites(processor));

        assertThatThrownBy(root::commit).hasMessageContaining("audit_watermark_v1");

        assertThat(tokenRows(processor)).isZero();
    }

    @Test
    void batchedRowsAndTheStoresWrites_commitTogether() {
        String processor = "batched-writes-" + UUID.randomUUID();
        String email = email("batched");
        UnitOfWork<?> root = unitOfWorkWithBatchedWrites();
        new JdbcTemplate(dataSource).update("INSERT INTO lookup.person_v1 (email, user_id) VALUES (?, ?)", email,
                UUID.randomUUID());
        root.onPrepareCommit(unitOfWork -> storeWrites(processor));

        root.commit();

        assertThat(tokenRows(processor)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM lookup.person_v1 WHERE email = ?").param(email).query(Long.class)
                .single()).isEqualTo(1);
    }

    /** A command of the test bus: {@code step} says what its handler does. */
    record Step(String step, String marker) {
    }

    @Test
    void aRefusedCommandThatReadTheStoreFirst_leavesTheWritesOfTheCommandsBeforeItInTheBatch() throws Exception {
        String written = "written-" + UUID.randomUUID();

        List<CommandResultMessage<?>> answers = inOneBatch(new Step("write", written),
                new Step("read-store-then-refuse", "x"));

        assertThat(answers.get(0).isExceptional()).isFalse();
        assertThat(answers.get(1).exceptionResult()).isInstanceOf(MembershipException.class);
        assertThat(tokenRows(written)).as("the answered write is stored").isEqualTo(1);
    }

    @Test
    void aCommandThatReadTheStoreFirst_doesNotCommitTheBatchBeforeItsEnd() throws Exception {
        String written = "written-" + UUID.randomUUID();

        // reads the store, then writes; the batch then fails to store and each command runs again alone
        List<CommandResultMessage<?>> answers = inOneBatch(new Step("read-store-then-write", written),
                new Step("fail-batch", "x"));

        assertThat(answers).noneMatch(CommandResultMessage::isExceptional);
        assertThat(tokenRows(written)).as("written once: by the run alone, not also by the failed batch").isEqualTo(1);
    }

    /** Sends the steps while a held command keeps the one writer busy, so that they form one batch; their answers. */
    private List<CommandResultMessage<?>> inOneBatch(Step... steps) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        BatchingCommandBus bus = testBus(holding, release, new AtomicBoolean());
        try {
            FutureCallback<Object, Object> hold = send(bus, new Step("hold", "hold-" + UUID.randomUUID()));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            List<FutureCallback<Object, Object>> sent = new ArrayList<>();
            for (Step step : steps) {
                sent.add(send(bus, step));
            }
            awaitWaiting(bus, steps.length);
            release.countDown();
            assertThat(answer(hold).isExceptional()).isFalse();
            List<CommandResultMessage<?>> answers = new ArrayList<>();
            for (FutureCallback<Object, Object> callback : sent) {
                answers.add(answer(callback));
            }
            return answers;
        } finally {
            release.countDown();
            bus.shutDown();
        }
    }

    private BatchingCommandBus testBus(CountDownLatch holding, CountDownLatch release, AtomicBoolean batchFailed) {
        BatchingCommandBus bus = BatchingCommandBus.builder().writers(1).maxBatch(64)
                .transactionManager(transactionManager)
                .storeConnections(storeConnections)
                .onBatchStart(root -> BatchedWrites.untilCommit(root, dataSource, storeConnections))
                .build();
        bus.subscribe(Step.class.getName(), message -> {
            Step step = (Step) message.getPayload();
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            switch (step.step()) {
                case "hold" -> {
                    holding.countDown();
                    release.await(20, TimeUnit.SECONDS);
                }
                case "write" -> new JdbcTemplate(dataSource).update(
                        "INSERT INTO token_entry (processor_name, segment) VALUES (?, 0)", step.marker());
                // as an aggregate that is not cached is read from the event store
                case "read-store-then-refuse" -> {
                    storeConnections.getConnection();
                    throw new MembershipException(ErrorCode.ALREADY_MEMBER);
                }
                case "read-store-then-write" -> {
                    storeConnections.getConnection();
                    new JdbcTemplate(dataSource).update(
                            "INSERT INTO token_entry (processor_name, segment) VALUES (?, 0)", step.marker());
                }
                case "fail-batch" -> {
                    if (root.getMessage().getPayload() instanceof BatchingCommandBus.CommandBatch
                            && !batchFailed.getAndSet(true)) {
                        root.onPrepareCommit(u -> {
                            throw new IllegalStateException("storing the batch's events failed");
                        });
                    }
                }
                default -> throw new IllegalArgumentException(step.step());
            }
            return step.marker();
        });
        return bus;
    }

    private static FutureCallback<Object, Object> send(BatchingCommandBus bus, Step step) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(step), callback);
        return callback;
    }

    private static CommandResultMessage<?> answer(FutureCallback<Object, Object> callback) throws Exception {
        return callback.get(20, TimeUnit.SECONDS);
    }

    private static void awaitWaiting(BatchingCommandBus bus, int commands) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bus.waiting() < commands && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(bus.waiting()).isEqualTo(commands);
    }

    private UnitOfWork<?> unitOfWorkWithBatchedWrites() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        root.attachTransaction(transactionManager);
        BatchedWrites.untilCommit(root, dataSource, storeConnections);
        return root;
    }

    private void storeWrites(String processor) {
        try {
            Connection connection = storeConnections.getConnection();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO token_entry (processor_name, segment) VALUES (?, 0)")) {
                insert.setString(1, processor);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long tokenRows(String processor) {
        return jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ?").param(processor).query(Long.class)
                .single();
    }
}
