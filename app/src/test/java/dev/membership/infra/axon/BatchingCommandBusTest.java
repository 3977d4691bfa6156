package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.RoutingKey;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Commands waiting when a writer becomes free share one unit of work and transaction; refusals and failures are
 * answered as if each command had run on its own.
 */
@Timeout(30)
class BatchingCommandBusTest {

    /** A command; {@code key} routes it (one key, one writer). */
    record Work(String name, @RoutingKey String key) {
    }

    /** A command on aggregate {@code key} of an organization. */
    record OrganizationWork(String name, @RoutingKey String key, UUID organizationId) {
    }

    private final Map<String, UnitOfWork<?>> roots = new ConcurrentHashMap<>();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private BatchingCommandBus bus;

    @AfterEach
    void stop() {
        release.countDown();
        if (bus != null) {
            bus.shutDown();
        }
    }

    @Test
    void commandsWaitingForABusyWriter_areHandledInOneUnitOfWork_andAnsweredAfterItsCommit() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);
        FutureCallback<Object, Object> first = send("hold");
        awaitHandled("hold");
        List<FutureCallback<Object, Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(send("w" + i));
        }
        awaitWaiting(5);
        release.countDown();

        assertThat(answer(first)).isEqualTo("done hold");
        for (int i = 0; i < 5; i++) {
            assertThat(answer(waiting.get(i))).isEqualTo("done w" + i);
        }
        assertThat(handled).containsExactly("hold", "w0", "w1", "w2", "w3", "w4");
        assertThat(roots.get("w0")).isNotSameAs(roots.get("hold"));
        assertThat(List.of("w1", "w2", "w3", "w4")).allSatisfy(name -> assertThat(roots.get(name)).isSameAs(roots.get("w0")));
        assertThat(roots.get("w0").getMessage().getPayload()).isEqualTo(new BatchingCommandBus.CommandBatch(5));
    }

    @Test
    void aRefusedCommand_isAnsweredWithItsRefusal_andTheBatchIsCutAfterIt() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);
        send("hold");
        awaitHandled("hold");
        FutureCallback<Object, Object> before = send("before");
        FutureCallback<Object, Object> refused = send("refuse");
        FutureCallback<Object, Object> after = send("after");
        awaitWaiting(3);
        release.countDown();

        assertThat(answer(before)).isEqualTo("done before");
        assertThatThrownBy(() -> answer(refused)).isInstanceOf(MembershipException.class);
        assertThat(answer(after)).isEqualTo("done after");
        assertThat(handled).containsExactly("hold", "before", "refuse", "after");
        assertThat(roots.get("refuse")).isSameAs(roots.get("before"));
        assertThat(roots.get("after")).isNotSameAs(roots.get("before"));
    }

    @Test
    void aBatchThatFailsToCommit_isRunAgainCommandByCommand_eachInATransactionOfItsOwn() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);
        send("hold");
        awaitHandled("hold");
        // fails the batch it is part of, once: the storing of a batch's events fails in the prepare-commit phase
        FutureCallback<Object, Object> failing = send("fail-batch");
        FutureCallback<Object, Object> other = send("other");
        awaitWaiting(2);
        release.countDown();

        assertThat(answer(failing)).isEqualTo("done fail-batch");
        assertThat(answer(other)).isEqualTo("done other");
        assertThat(handled).containsExactly("hold", "fail-batch", "other", "fail-batch", "other");
        assertThat(roots.get("fail-batch").getMessage().getPayload()).isInstanceOf(Work.class);
        assertThat(roots.get("other").getMessage().getPayload()).isInstanceOf(Work.class);
    }

    @Test
    void aCommitWhoseOutcomeIsUnknown_isNotRunAgain_andEveryCommandOfItHearsOfTheFailure() throws Throwable {
        AtomicBoolean failCommit = new AtomicBoolean(true);
        // like a Spring transaction manager: a transaction started inside another joins it, and only the outer commits
        ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> false);
        bus = bus(() -> {
            boolean outer = !active.get();
            active.set(true);
            return new Transaction() {
                @Override
                public void commit() {
                    if (outer) {
                        active.set(false);
                        if (failCommit.getAndSet(false)) {
                            throw new IllegalStateException("connection lost while committing");
                        }
                    }
                }

                @Override
                public void rollback() {
                    if (outer) {
                        active.set(false);
                    }
                }
            };
        });
        FutureCallback<Object, Object> lost = send("lost");

        assertThatThrownBy(() -> answer(lost)).hasMessage("connection lost while committing");
        assertThat(handled).containsExactly("lost");
    }

    @Test
    void aBatchWhoseTransactionCannotBegin_failsItsCommands_andTheWriterGoesOn() throws Throwable {
        AtomicBoolean down = new AtomicBoolean(true);
        bus = bus(() -> {
            if (down.getAndSet(false)) {
                throw new IllegalStateException("no connection to the database");
            }
            return NoTransactionManager.INSTANCE.startTransaction();
        });

        assertThatThrownBy(() -> answer(send("first"))).hasMessage("no connection to the database");
        assertThat(answer(send("second"))).isEqualTo("done second");
        assertThat(handled).containsExactly("second");
    }

    @Test
    void aCommandRunAgainAlone_whoseTransactionCannotBegin_hearsOfTheFailure_andTheWriterGoesOn() throws Throwable {
        AtomicBoolean down = new AtomicBoolean();
        // like a Spring transaction manager: a transaction started inside another joins it; a new one needs a connection
        ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> false);
        bus = bus(() -> {
            boolean outer = !active.get();
            if (outer && down.get()) {
                throw new IllegalStateException("no connection to the database");
            }
            active.set(true);
            return new Transaction() {
                @Override
                public void commit() {
                    end();
                }

                @Override
                public void rollback() {
                    end();
                }

                private void end() {
                    if (outer) {
                        active.set(false);
                        down.set(true); // the connection is lost as the batch ends
                    }
                }
            };
        });

        // its batch fails to store, and the transaction of its run alone cannot begin
        assertThatThrownBy(() -> answer(send("fail-batch"))).hasMessage("no connection to the database");
        down.set(false);
        assertThat(answer(send("later"))).isEqualTo("done later");
        assertThat(handled).containsExactly("fail-batch", "later");
        assertThat(roots.get("later").getMessage().getPayload()).isEqualTo(new BatchingCommandBus.CommandBatch(1));
    }

    @Test
    void aHandlerThatLeavesItsThreadInterrupted_doesNotStopTheWriter() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);

        assertThat(answer(send("interrupt"))).isEqualTo("done interrupt");
        assertThat(answer(send("after"))).isEqualTo("done after");
        assertThat(handled).containsExactly("interrupt", "after");
    }

    @Test
    void aCommandSentInsideAUnitOfWork_runsAtOnce_nestedInIt() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);
        FutureCallback<Object, Object> outer = send("send-nested");

        assertThat(answer(outer)).isEqualTo("done send-nested");
        assertThat(handled).containsExactly("send-nested", "nested");
        assertThat(roots.get("nested")).isSameAs(roots.get("send-nested"));
    }

    @Test
    void shuttingDown_letsTheBatchInProgressEnd_andRunsWhatWaitsOneByOne() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);
        FutureCallback<Object, Object> first = send("hold");
        awaitHandled("hold");
        FutureCallback<Object, Object> a = send("a");
        FutureCallback<Object, Object> b = send("b");
        awaitWaiting(2);
        Thread stopping = new Thread(bus::shutDown);
        stopping.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stopping.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("shutDown waits for the batch in progress").isLessThan(deadline);
            Thread.sleep(5); // shutDown has stopped the writers taking batches and waits for the batch in progress
        }
        assertThat(first.isDone()).as("the batch in progress is still held").isFalse();
        release.countDown();
        stopping.join(10_000);

        assertThat(stopping.isAlive()).as("shutDown returned once the batch ended").isFalse();
        assertThat(answer(first)).isEqualTo("done hold");
        assertThat(answer(a)).isEqualTo("done a");
        assertThat(answer(b)).isEqualTo("done b");
        assertThat(roots.get("a")).isNotSameAs(roots.get("b"));
        assertThat(answer(send("later"))).isEqualTo("done later");
    }

    /**
     * A batch holds one aggregate per organization: a group command and a removal of a membership of the same
     * organization check each other through look-ups that a batch brings up to date only as it commits. Commands of
     * other organizations, or of the same aggregate, share the batch.
     */
    @Test
    void aCommandOnAnotherAggregateOfAnOrganizationInTheBatch_goesToTheNextTransaction() throws Throwable {
        bus = bus(NoTransactionManager.INSTANCE);
        send("hold");
        awaitHandled("hold");
        UUID acme = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        FutureCallback<Object, Object> removal = send(new OrganizationWork("removal", "k", acme));
        FutureCallback<Object, Object> elsewhere = send(new OrganizationWork("elsewhere", "e", other));
        FutureCallback<Object, Object> again = send(new OrganizationWork("again", "k", acme));
        FutureCallback<Object, Object> group = send(new OrganizationWork("group", "g", acme));
        awaitWaiting(4);
        release.countDown();

        for (FutureCallback<Object, Object> answered : List.of(removal, elsewhere, again, group)) {
            assertThat(answer(answered)).asString().startsWith("done");
        }
        assertThat(roots.get("elsewhere")).isSameAs(roots.get("removal"));
        assertThat(roots.get("again")).isSameAs(roots.get("removal"));
        assertThat(roots.get("group")).isNotSameAs(roots.get("removal"));
        assertThat(handled).containsSubsequence("removal", "elsewhere", "again", "group");
    }

    private BatchingCommandBus bus(TransactionManager transactions) {
        BatchingCommandBus created = BatchingCommandBus.builder().writers(1).maxBatch(64).transactionManager(transactions).build();
        AtomicBoolean batchFailed = new AtomicBoolean();
        created.subscribe(OrganizationWork.class.getName(), message -> {
            OrganizationWork work = (OrganizationWork) message.getPayload();
            roots.put(work.name(), CurrentUnitOfWork.get().root());
            handled.add(work.name());
            return "done " + work.name();
        });
        created.subscribe(Work.class.getName(), message -> {
            Work work = (Work) message.getPayload();
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            roots.put(work.name(), root);
            handled.add(work.name());
            switch (work.name()) {
                case "hold" -> release.await(20, TimeUnit.SECONDS);
                case "refuse" -> throw new MembershipException(ErrorCode.ALREADY_MEMBER);
                case "interrupt" -> Thread.currentThread().interrupt();
                case "fail-batch" -> {
                    if (root.getMessage().getPayload() instanceof BatchingCommandBus.CommandBatch
                            && !batchFailed.getAndSet(true)) {
                        root.onPrepareCommit(u -> {
                            throw new IllegalStateException("storing the batch's events failed");
                        });
                    }
                }
                case "send-nested" -> {
                    FutureCallback<Object, Object> nested = new FutureCallback<>();
                    bus.dispatch(GenericCommandMessage.asCommandMessage(new Work("nested", "k")), nested);
                    assertThat(nested.isDone()).isTrue();
                }
                default -> {
                }
            }
            return "done " + work.name();
        });
        return created;
    }

    private FutureCallback<Object, Object> send(Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(command), callback);
        return callback;
    }

    private FutureCallback<Object, Object> send(String name) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(new Work(name, "k")), callback);
        return callback;
    }

    /** The command's result, or its failure thrown. */
    private static Object answer(FutureCallback<Object, Object> callback) throws Throwable {
        CommandResultMessage<?> result = callback.get(10, TimeUnit.SECONDS);
        if (result.isExceptional()) {
            throw result.exceptionResult();
        }
        return result.getPayload();
    }

    private void awaitHandled(String name) throws InterruptedException {
        while (!handled.contains(name)) {
            Thread.sleep(5);
        }
    }

    private void awaitWaiting(int commands) throws InterruptedException {
        while (bus.waiting() < commands) {
            Thread.sleep(5);
        }
    }
}
