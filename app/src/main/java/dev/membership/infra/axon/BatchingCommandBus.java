package dev.membership.infra.axon;

import dev.membership.api.shared.MembershipException;
import dev.membership.command.config.CachedAggregates.StaleAggregateException;
import dev.membership.infra.jdbc.BatchingConnection;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A command bus that commits commands sent at the same time together: group commit. Each command still runs through
 * its own unit of work, handler interceptors and handler, exactly as on the {@link SimpleCommandBus}; what changes is
 * that the commands waiting when a writer becomes free run as nested units of work of one unit of work, in one
 * database transaction. Their events are stored in one JDBC batch and reach the subscribing read models together,
 * and one commit (one write-ahead log flush) makes them all durable. Each caller hears of its command only once that
 * commit is done, so a 2xx still means stored and visible.
 *
 * <p>Commands go to {@code writers} threads by their target aggregate, so the commands of one aggregate stay in the
 * order they were sent and two writers rarely wait for each other's aggregate locks (a unit of work holds them until
 * its root ends). At low load a writer finds one command waiting and commits it alone, without waiting for company;
 * under load the batches grow up to {@code maxBatch}. A batch holds one aggregate per organization: the look-ups that
 * checks across aggregates read (which memberships an organization has, which groups a membership is in) are brought
 * up to date as a batch commits, so a group command batched after a membership's removal would still find it, and the
 * removal would not see the group it joins (see {@link Target#dependsOn}). Across transactions, the look-up rows lock.
 *
 * <p>A command whose handler refuses it (a {@link MembershipException}: already a member, last owner, ...) rolls
 * back its own unit of work only; the batch is cut after it, committed, and the refusal answered. Any other failure
 * is not answered from a batch: a failure inside a command that is not a refusal (a deadlock between two writers'
 * aggregate locks, say) runs that command again on its own; a failure of the batch's own commit (a conflict found
 * while storing the events, a lost connection) rolls back every command of the batch, and each runs again on its own,
 * in its own transaction, as the plain bus would have run it. If the database was asked to commit and the answer was
 * lost, nothing runs again: the callers hear of the failure, as they would have without batching.
 *
 * <p>Commands sent while a unit of work is active (a policy reacting to an event, a handler sending another command)
 * run at once, nested in that unit of work, as on the plain bus.
 *
 * <p>When the application stops, the bus stops batching in Axon's phase for inbound command connectors: the waiting
 * commands are run before Axon unsubscribes the subscribing read models (a later phase of its shutdown), so no command
 * accepted before the stop stores events that its read models never see.
 */
public class BatchingCommandBus extends SimpleCommandBus implements Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchingCommandBus.class);

    /** The message of a batch's root unit of work. */
    public record CommandBatch(int commands) {
    }

    private final TransactionManager transactionManager;
    private final ConnectionProvider storeConnections;
    private final Consumer<UnitOfWork<?>> batchStart;
    private final RoutingStrategy routing = AnnotationRoutingStrategy.defaultStrategy();
    private final int maxBatch;
    private final List<Writer> writers = new ArrayList<>();
    private volatile boolean stopped;

    protected BatchingCommandBus(Builder builder) {
        super(builder);
        this.transactionManager = builder.transactionManager;
        this.storeConnections = builder.storeConnections;
        this.batchStart = builder.batchStart;
        this.maxBatch = builder.maxBatch;
        for (int i = 0; i < builder.writers; i++) {
            writers.add(new Writer("command-writer-" + (i + 1)));
        }
        writers.forEach(writer -> writer.thread.start());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected <C, R> void doDispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted() || stopped) {
            super.doDispatch(command, callback);
            return;
        }
        Target target = targetOf(command);
        Writer writer = writers.get(writerOf(target));
        writer.queue.add(new Pending<>(command, callback, target));
        if (stopped) {
            // stopped meanwhile: the writer may be gone, so what waits for it runs here
            handleAlone(writer.queue);
        }
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onShutdown(Phase.INBOUND_COMMAND_CONNECTOR, this::shutDown);
    }

    /**
     * Stops taking commands into batches: the batches in progress end, and the commands still waiting and those sent
     * from now on run one by one on their own. Called again, it runs what may have been queued since.
     */
    public void shutDown() {
        stopped = true;
        for (Writer writer : writers) {
            try {
                writer.thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writers.forEach(writer -> handleAlone(writer.queue));
    }

    /** The writer a command goes to: the same for every command of one aggregate. */
    int writerOf(CommandMessage<?> command) {
        return writerOf(targetOf(command));
    }

    private int writerOf(Target target) {
        return Math.floorMod(target.aggregate().hashCode(), writers.size());
    }

    /** Commands waiting for a writer. */
    int waiting() {
        return writers.stream().mapToInt(writer -> writer.queue.size()).sum();
    }

    private static void handleAlone(BlockingQueue<Pending<?, ?>> queue) {
        Pending<?, ?> pending;
        while ((pending = queue.poll()) != null) {
            pending.handleAlone();
        }
    }

    /** Runs the commands of one batch, in order, in as few transactions as their outcomes allow. */
    void commit(List<Pending<?, ?>> batch) {
        int next = 0;
        while (next < batch.size()) {
            next = commitFrom(batch, next);
        }
    }

    /**
     * Runs the commands from {@code from} on in one unit of work until one is refused, commits them, answers them;
     * returns where the next transaction starts.
     */
    private int commitFrom(List<Pending<?, ?>> batch, int from) {
        List<Pending<?, ?>> ran = new ArrayList<>();
        int next = from;
        AtomicBoolean committing = new AtomicBoolean();
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>(new CommandBatch(batch.size() - from)));
        try {
            root.attachTransaction(transactionManager);
            // commit handlers run in the reverse order of their registration: the transaction's commit last, the
            // store connection's commit before it, then the mark that the database was asked to commit, and the
            // handlers batchStart registers (the batched rows) first
            if (storeConnections != null) {
                BatchedWrites.attachStoreConnection(storeConnections);
            }
            root.onCommit(unitOfWork -> committing.set(true));
            batchStart.accept(root);
            List<Target> targets = new ArrayList<>();
            while (next < batch.size()) {
                Target target = batch.get(next).target;
                if (!ran.isEmpty() && targets.stream().anyMatch(target::dependsOn)) {
                    break; // in the next transaction, once this one's look-ups are committed
                }
                targets.add(target);
                Pending<?, ?> pending = batch.get(next++);
                ran.add(pending);
                pending.handle();
                if (pending.result.isExceptional()) {
                    break;
                }
            }
            root.commit();
        } catch (Throwable failure) {
            try {
                if (root.isActive()) {
                    root.rollback(failure);
                }
            } catch (RuntimeException | Error again) {
                failure.addSuppressed(again);
            } finally {
                endLeftTransaction(failure);
            }
            if (ran.isEmpty()) {
                // the batch's transaction could not even begin (no connection, say): no command ran, none is tried
                // again here, each hears of it as it would have from the plain bus
                log.debug("A batch's transaction could not begin; {} commands fail", batch.size() - from, failure);
                batch.subList(from, batch.size()).forEach(pending -> pending.fail(failure));
                return batch.size();
            }
            if (committing.get()) {
                log.warn("The commit of {} commands failed and its outcome is unknown; none runs again", ran.size(),
                        failure);
                ran.forEach(pending -> pending.fail(failure));
            } else {
                log.debug("A batch of {} commands was rolled back; each runs again on its own", ran.size(), failure);
                ran.forEach(Pending::handleAlone);
            }
            return next;
        }
        for (Pending<?, ?> pending : ran) {
            if (pending.result.isExceptional() && !isRefusal(pending.result.exceptionResult())) {
                pending.handleAlone();
            } else {
                pending.answer();
            }
        }
        return next;
    }

    /**
     * Ends the Spring transaction a unit of work left bound to this writer's thread. Axon rolls a unit of work back when
     * its commit throws an exception, not when it throws an {@link Error}: its rollback handlers never run, and the
     * transaction it began stays bound to the thread, so the next unit of work there would join it, its commit doing
     * nothing, and its callers would be answered for writes that never commit. The connection is rolled back and
     * given back to its pool, and the thread's transaction state cleared.
     */
    static void endLeftTransaction(Throwable failure) {
        if (TransactionSynchronizationManager.getResourceMap().isEmpty()
                && !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        log.error("A failure left its transaction open on {}; it is rolled back", Thread.currentThread().getName(), failure);
        for (Object key : List.copyOf(TransactionSynchronizationManager.getResourceMap().keySet())) {
            Object resource = TransactionSynchronizationManager.unbindResource(key);
            if (resource instanceof ConnectionHolder holder && holder.getConnectionHandle() != null) {
                Connection connection = holder.getConnection();
                if (BatchingConnection.isBatching(connection)) {
                    BatchingConnection.close(connection); // its rows waiting to be sent are dropped, not sent
                }
                try (connection) {
                    connection.rollback();
                } catch (SQLException e) {
                    log.warn("Rolling back the transaction left open failed: {}", e.toString());
                }
            }
        }
        TransactionSynchronizationManager.clear();
    }

    /**
     * What a command acts on: its aggregate and its organization ({@code null} when it names none, as a directory
     * group's commands, whose policies reach the groups of any organization).
     */
    record Target(String aggregate, Object organization) {

        /**
         * Whether a command on {@code other} may check what this command changes through the look-ups, which a batch
         * brings up to date only as it commits: another aggregate of the same organization (a group command checks
         * the organization's memberships; a membership that ends leaves the groups the look-up names), or any other
         * aggregate when either names no organization. Commands of one aggregate see each other in its state.
         */
        boolean dependsOn(Target other) {
            return !aggregate.equals(other.aggregate)
                    && (organization == null || other.organization == null || organization.equals(other.organization));
        }
    }

    private static final ClassValue<Function<Object, Object>> ORGANIZATIONS = new ClassValue<>() {
        @Override
        protected Function<Object, Object> computeValue(Class<?> type) {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals("organizationId")) {
                        Method accessor = component.getAccessor();
                        return payload -> {
                            try {
                                return accessor.invoke(payload);
                            } catch (ReflectiveOperationException e) {
                                throw new IllegalStateException(e);
                            }
                        };
                    }
                }
            }
            return payload -> null;
        }
    };

    private Target targetOf(CommandMessage<?> command) {
        return new Target(routing.getRoutingKey(command), ORGANIZATIONS.get(command.getPayloadType()).apply(command.getPayload()));
    }

    /** How many times a command runs alone before a conflict with another node's writes is answered as one (409). */
    private static final int CONFLICT_RUNS = 3;

    /**
     * Whether the command met another node's write to its aggregate: its cached copy was behind the store
     * ({@link StaleAggregateException}), or the store refused its event's sequence number. Either rolled it back and
     * dropped the aggregate from the cache, so it may run again on the stored state. An aggregate created twice is
     * not a conflict to run again: its id is taken.
     */
    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return false;
            }
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /** A failure that is the handler's answer to the command, the same whatever else ran beside it. */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof MembershipException || failure instanceof AggregateNotFoundException
                || failure instanceof NoHandlerForCommandException;
    }

    /** A command waiting for a writer, and then for its batch's commit. */
    final class Pending<C, R> {

        private final CommandMessage<C> command;
        private final CommandCallback<? super C, ? super R> callback;
        /** Its aggregate and organization, read once as it was sent. */
        private final Target target;
        private CommandResultMessage<? extends R> result;
        private boolean answered;

        Pending(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback, Target target) {
            this.command = command;
            this.callback = callback;
            this.target = target;
        }

        /** Handles the command in the current (batch) unit of work, keeping the result for after the commit. */
        void handle() {
            result = null;
            BatchingCommandBus.super.doDispatch(command, (CommandCallback<C, R>) (message, outcome) -> result = outcome);
        }

        /**
         * Handles the command in a unit of work and transaction of its own, and answers. A command that met another
         * node's write to its aggregate ({@link #isConflict}) runs again, up to {@link #CONFLICT_RUNS} times: its
         * rollback dropped the aggregate from the cache, so the next run loads the stored one.
         */
        void handleAlone() {
            answered = true;
            CommandResultMessage<? extends R>[] outcome = new CommandResultMessage[1];
            for (int run = 1; ; run++) {
                outcome[0] = null;
                handleAlone((message, result) -> outcome[0] = result);
                if (run < CONFLICT_RUNS && outcome[0] != null && outcome[0].isExceptional()
                        && isConflict(outcome[0].exceptionResult())) {
                    log.debug("{} met another node's write to its aggregate; it runs again", command.getCommandName());
                    continue;
                }
                if (outcome[0] != null) {
                    callback.onResult(command, outcome[0]);
                }
                return;
            }
        }

        private void handleAlone(CommandCallback<C, R> callback) {
            try {
                BatchingCommandBus.super.doDispatch(command, callback);
            } catch (RuntimeException | Error failure) {
                // the plain bus throws to its caller when the transaction cannot begin, and leaves the unit of work it
                // started current: that one ends here, and the caller, who waits, hears of the failure
                try {
                    while (CurrentUnitOfWork.isStarted()) {
                        UnitOfWork<?> current = CurrentUnitOfWork.get();
                        try {
                            current.rollback(failure);
                        } catch (RuntimeException | Error again) {
                            failure.addSuppressed(again);
                        }
                        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == current) {
                            CurrentUnitOfWork.clear(current); // its rollback failed before it let go of the thread
                        }
                    }
                } finally {
                    endLeftTransaction(failure);
                }
                callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(failure));
            }
        }

        void answer() {
            answered = true;
            callback.onResult(command, result);
        }

        void fail(Throwable failure) {
            answered = true;
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(failure));
        }
    }

    /** A thread that takes the commands waiting for it in batches. */
    private final class Writer implements Runnable {

        private final BlockingQueue<Pending<?, ?>> queue = new LinkedBlockingQueue<>();
        private final Thread thread;

        Writer(String name) {
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<Pending<?, ?>> batch = new ArrayList<>(maxBatch);
            while (!stopped) {
                Pending<?, ?> first;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // nothing but a handler interrupts a writer (the bus stops it with the flag above): its callers
                    // still wait, so it goes on
                    log.warn("Command writer {} was interrupted; it goes on", thread.getName());
                    continue;
                }
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                try {
                    commit(batch);
                } catch (Throwable unexpected) {
                    // commit answers every command itself: this is a bug, and no caller may be left waiting
                    log.error("A batch of {} commands failed unexpectedly", batch.size(), unexpected);
                    endLeftTransaction(unexpected);
                    batch.stream().filter(pending -> !pending.answered).forEach(pending -> pending.fail(unexpected));
                }
                batch.clear();
                if (Thread.interrupted()) {
                    log.warn("A command left writer {} interrupted; the flag is cleared", thread.getName());
                }
            }
        }
    }

    public static class Builder extends SimpleCommandBus.Builder {

        private TransactionManager transactionManager;
        private ConnectionProvider storeConnections;
        private Consumer<UnitOfWork<?>> batchStart = root -> {
        };
        private int writers = 4;
        private int maxBatch = 64;

        @Override
        public Builder transactionManager(TransactionManager transactionManager) {
            super.transactionManager(transactionManager);
            this.transactionManager = transactionManager;
            return this;
        }

        /**
         * The event store's connections (Axon's unit-of-work-aware provider). Each batch takes one at its start, so
         * that the batch's root unit of work owns the connection's commit and rollback: taken first by a command's
         * nested unit of work, they would commit or roll back the whole batch's transaction when that command's
         * unit of work ends.
         */
        public Builder storeConnections(ConnectionProvider storeConnections) {
            this.storeConnections = storeConnections;
            return this;
        }

        /**
         * Called with a batch's root unit of work once its transaction has begun, before its commands run: to attach
         * resources to the batch's transaction. Commit handlers it registers run before the commit.
         */
        public Builder onBatchStart(Consumer<UnitOfWork<?>> batchStart) {
            this.batchStart = batchStart;
            return this;
        }

        /** Threads that take commands in batches, each committing its own (default 4). */
        public Builder writers(int writers) {
            if (writers < 1) {
                throw new IllegalArgumentException("membership.commands.writers must be at least 1");
            }
            this.writers = writers;
            return this;
        }

        /** The most commands one transaction takes (default 64). */
        public Builder maxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("membership.commands.max-batch must be at least 1");
            }
            this.maxBatch = maxBatch;
            return this;
        }

        @Override
        public BatchingCommandBus build() {
            if (transactionManager == null) {
                throw new IllegalStateException("A batching command bus needs a transaction manager");
            }
            return new BatchingCommandBus(this);
        }
    }
}
