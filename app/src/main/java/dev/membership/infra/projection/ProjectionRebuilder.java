package dev.membership.infra.projection;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.infra.axon.EventStoreConfiguration;
import dev.membership.infra.jdbc.BatchingConnection;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ReflectionUtils;

/**
 * Rebuilds read models from the event store while the service serves: one transaction deletes a read model's rows
 * and replays every stored event through its handlers. Readers keep seeing the old rows until the new ones commit;
 * writers to that read model wait on its lock meanwhile, then apply their events to the rebuilt rows. The audit
 * log's tracking processor is paused and resumes from the replayed position.
 *
 * <p>Every read model can be rebuilt in one pass ({@link #rebuildAll}): the stored events are read and deserialized
 * once and handed to a few replaying threads, each replaying its share of the read models in a transaction of its
 * own. A share commits or rolls back as a whole; the other shares are not affected by its failure.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    /**
     * Read models that read another's rows as they handle events, by the one they read: a group's member rows take
     * each member's email from the member list.
     */
    static final Map<String, String> READS_FROM = Map.of("groups", "members");

    private final ApplicationContext context;
    private final Configuration axon;
    private final EventStorageEngine storage;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private volatile Map<String, List<Object>> handlers;
    /** How many threads replay the read models of one rebuild at once, each on a connection of its own. */
    private final int workers;

    ProjectionRebuilder(ApplicationContext context, Configuration axon, EventStorageEngine storage, JdbcClient jdbc,
            DataSource dataSource, PlatformTransactionManager transactionManager,
            @Value("${membership.projections.rebuild-workers:2}") int workers) {
        this.workers = checkedWorkers(workers, dataSource);
        this.context = context;
        this.axon = axon;
        this.storage = storage;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setTimeout((int) Duration.ofHours(1).toSeconds());
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.reads.setTimeout((int) Duration.ofHours(1).toSeconds());
    }

    /**
     * A rebuild takes a connection per replaying thread and one to read the events; the pool must keep at least as
     * many again for the requests served meanwhile, or the rebuild (and the service) would wait for connections.
     */
    static int checkedWorkers(int workers, DataSource dataSource) {
        if (workers < 1) {
            throw new IllegalArgumentException("membership.projections.rebuild-workers must be at least 1, not " + workers);
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                int pool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
                if (2 * (workers + 1) > pool) {
                    throw new IllegalArgumentException("membership.projections.rebuild-workers is " + workers
                            + ": a rebuild would take " + (workers + 1) + " of the pool's " + pool
                            + " connections, more than half; lower it or raise spring.datasource.hikari.maximum-pool-size");
                }
            }
        } catch (SQLException e) {
            // not a pool that says its size: nothing to check against
        }
        return workers;
    }

    public List<ProjectionStatus> statuses() {
        long head = head();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (String name : handlers().keySet()) {
            statuses.add(status(name, head));
        }
        return statuses;
    }

    public ProjectionStatus status(String name) {
        requireKnown(name);
        return status(name, head());
    }

    /** Starts a rebuild of one read model in the background; one at a time per read model. */
    public ProjectionStatus rebuild(String name) {
        requireKnown(name);
        start(List.of(name));
        return status(name);
    }

    /**
     * Starts a rebuild of every read model in the background, in one pass over the stored events: they are read and
     * deserialized once, and the read models are replayed by {@code membership.projections.rebuild-workers} threads
     * at once, each in a transaction of its own that commits the read models it replays together.
     */
    public List<ProjectionStatus> rebuildAll() {
        start(List.copyOf(handlers().keySet()));
        return statuses();
    }

    private void start(List<String> names) {
        Map<String, Progress> runs = new LinkedHashMap<>();
        synchronized (progress) {
            for (String name : names) {
                Progress current = progress.computeIfAbsent(name, n -> new Progress());
                if (current.running) {
                    throw new MembershipException(ErrorCode.CONCURRENT_MODIFICATION,
                            "The read model " + name + " is already rebuilding.");
                }
                runs.put(name, current);
            }
            Instant now = Instant.now();
            for (Progress current : runs.values()) {
                current.running = true;
                current.startedAt = now;
                current.finishedAt = null;
                current.error = null;
                current.position.set(0);
                current.replayed.set(0);
            }
        }
        executor.submit(() -> run(runs));
    }

    private void run(Map<String, Progress> runs) {
        TrackingEventProcessor tracker;
        List<List<String>> shares;
        try {
            boolean audit = runs.containsKey(EventStoreConfiguration.AUDIT_PROCESSOR);
            tracker = audit ? axon.eventProcessingConfiguration()
                    .eventProcessor(EventStoreConfiguration.AUDIT_PROCESSOR, TrackingEventProcessor.class).orElseThrow() : null;
            shares = shares(List.copyOf(runs.keySet()));
        } catch (RuntimeException e) {
            // nothing was begun: the read models are as they were, and say so
            failed(List.copyOf(runs.keySet()), runs, e);
            finished(runs);
            return;
        }
        ExecutorService replayers = Executors.newFixedThreadPool(shares.size(), new ReplayerThreads());
        Pass pass = new Pass(shares);
        List<Future<Set<String>>> replays = new ArrayList<>();
        Set<String> written = new LinkedHashSet<>();
        Gaps gaps = new Gaps();
        try {
            if (tracker != null) {
                tracker.shutDown();
            }
            for (int i = 0; i < shares.size(); i++) {
                int share = i;
                replays.add(replayers.submit(() -> transactions.execute(status -> replay(shares.get(share), share, pass, runs))));
            }
            pass.start(() -> {
                // every replay holds its read models' exclusive locks: no write to them is in flight, the head is final
                long head = head();
                List<EventHandlerInvoker> invokers = runs.keySet().stream().map(this::invoker).toList();
                // read in a read-only transaction of its own, which sees what the replays would (committed events), on
                // one connection for the whole pass: writers held by the locks keep theirs meanwhile
                return new Start(head, ReplayPrefetch.fanOut(reads, () -> storage.readEvents(null, false), head, event -> {
                    gaps.see(position(event));
                    prepare(invokers, event);
                }, "projection-rebuild-reader", shares.size()));
            });
            for (int i = 0; i < shares.size(); i++) {
                try {
                    written.addAll(replays.get(i).get());
                    if (tracker != null && shares.get(i).contains(EventStoreConfiguration.AUDIT_PROCESSOR)) {
                        storeAuditPosition(pass.head(), gaps);
                    }
                } catch (ExecutionException e) {
                    failed(shares.get(i), runs, e.getCause());
                }
            }
            vacuum(String.join(", ", runs.keySet()), written);
        } catch (RuntimeException e) {
            failed(List.copyOf(runs.keySet()), runs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(List.copyOf(runs.keySet()), runs, e);
        } finally {
            pass.abandon();
            replayers.shutdown();
            if (tracker != null) {
                tracker.start();
            }
            finished(runs);
        }
    }

    private static void finished(Map<String, Progress> runs) {
        Instant now = Instant.now();
        for (Progress current : runs.values()) {
            current.finishedAt = now;
            current.lastEvents = current.replayed.get();
            current.running = false;
        }
    }

    private static void failed(List<String> names, Map<String, Progress> runs, Throwable cause) {
        log.error("Rebuilding {} failed", String.join(", ", names), cause);
        for (String name : names) {
            if (runs.get(name).error == null) {
                runs.get(name).error = cause.toString();
            }
        }
    }

    /**
     * The read models each replaying thread takes, in name order within each (so every transaction takes the
     * projection locks in one order, as writers do): the longest replays of the last rebuild first, each to the
     * thread with the least so far; round the threads in name order until every read model has been rebuilt once.
     */
    private List<List<String>> shares(List<String> names) {
        // unmeasured, every read model weighs the same, and the least loaded thread is the next one round
        boolean measured = names.stream().allMatch(name -> progress.get(name).handlingNanos > 0);
        return shares(names, workers, measured ? name -> progress.get(name).handlingNanos : name -> 1);
    }

    static List<List<String>> shares(List<String> names, int workers, ToLongFunction<String> weight) {
        // a read model that reads another's rows as it replays goes with it: in one transaction, event by event,
        // it finds what the other wrote for the events before; in another it would read the old rows
        List<List<String>> units = new ArrayList<>();
        for (String name : names) {
            String itReads = READS_FROM.get(name);
            if (itReads == null || !names.contains(itReads)) {
                List<String> unit = new ArrayList<>(List.of(name));
                READS_FROM.forEach((reader, read) -> {
                    if (read.equals(name) && names.contains(reader)) {
                        unit.add(reader);
                    }
                });
                units.add(unit);
            }
        }
        int threads = Math.min(workers, units.size());
        List<List<String>> shares = new ArrayList<>();
        long[] loads = new long[threads];
        for (int i = 0; i < threads; i++) {
            shares.add(new ArrayList<>());
        }
        ToLongFunction<List<String>> unitWeight = unit -> unit.stream().mapToLong(weight).sum();
        List<List<String>> order = units.stream().sorted(Comparator.comparingLong(unitWeight).reversed()).toList();
        for (List<String> unit : order) {
            int least = 0;
            for (int t = 1; t < threads; t++) {
                if (loads[t] < loads[least]) {
                    least = t;
                }
            }
            shares.get(least).addAll(unit);
            loads[least] += unitWeight.applyAsLong(unit);
        }
        shares.forEach(share -> share.sort(Comparator.naturalOrder()));
        return shares;
    }

    /** One replaying thread's transaction: takes its read models' locks, waits for the pass to start, replays. */
    private Set<String> replay(List<String> names, int share, Pass pass, Map<String, Progress> runs) {
        boolean held = false;
        try {
            for (String name : names) {
                pass.awaitTurn(name);
                ProjectionLocks.exclusive(jdbc, name);
                pass.taken(name);
            }
            held = true;
        } finally {
            pass.locked(share, held, names);
        }
        Start start = pass.awaitStart();
        try (ReplayPrefetch stored = start.feeds().get(share)) {
            for (String name : names) {
                runs.get(name).total = start.head();
            }
            // the handlers' inserts go to the database in JDBC batches: the transaction's connection is swapped for
            // one that batches them (BatchingConnection), and swapped back before the commit
            BatchingConnection.Binding batching = BatchingConnection.bind(dataSource, BatchingConnection.PROJECTION_SCHEMAS);
            if (batching == null) {
                replay(names, stored, start.head(), runs);
                return Set.of();
            }
            try (batching) {
                replay(names, stored, start.head(), runs);
                long batched = batching.finish();
                log.info("Rebuilt {} from {} events up to position {}; {} rows written in batches", String.join(", ", names),
                        runs.get(names.get(0)).replayed.get(), start.head(), batched);
                return batching.tables();
            } catch (SQLException e) {
                throw new IllegalStateException("Rebuilding " + String.join(", ", names) + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void replay(List<String> names, ReplayPrefetch stored, long head, Map<String, Progress> runs) {
        // the processing groups' own handler invokers: the same handlers, parameters and ordering as live; events are
        // marked as a replay, so handlers that must not replay (policies) skip them
        List<EventHandlerInvoker> invokers = names.stream().map(this::invoker).toList();
        List<Progress> progresses = names.stream().map(runs::get).toList();
        invokers.forEach(EventHandlerInvoker::performReset);
        long[] nanos = new long[invokers.size()];
        // the tokens advance as a tracking processor's do after a reset to the start, so every event up to the head,
        // the last one included, reads as a replay (ReplayStatus, @DisallowReplay)
        TrackingToken token = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(head, new TreeSet<>()));
        while (stored.hasNext()) {
            TrackedEventMessage<?> event = stored.next();
            token = token instanceof WrappedToken replaying
                    ? replaying.advancedTo(event.trackingToken()) : event.trackingToken();
            TrackedEventMessage<?> replay = event.withTrackingToken(token);
            DefaultUnitOfWork.startAndGet(replay).execute(() -> {
                for (int i = 0; i < invokers.size(); i++) {
                    long began = System.nanoTime();
                    try {
                        invokers.get(i).handle(replay, Segment.ROOT_SEGMENT);
                    } catch (Exception e) {
                        ReflectionUtils.rethrowRuntimeException(e);
                    }
                    nanos[i] += System.nanoTime() - began;
                }
            });
            long position = position(event);
            for (Progress current : progresses) {
                current.position.set(position);
                current.replayed.incrementAndGet();
            }
        }
        for (int i = 0; i < progresses.size(); i++) {
            progresses.get(i).handlingNanos = Math.max(1, nanos[i]);
        }
    }

    private EventHandlerInvoker invoker(String name) {
        return ((AbstractEventProcessor) axon.eventProcessingConfiguration().eventProcessor(name).orElseThrow())
                .eventHandlerInvoker();
    }

    /** What a handler of the read models will read of an event it handles, made ready before the handlers run. */
    private static void prepare(List<EventHandlerInvoker> invokers, TrackedEventMessage<?> event) {
        event.getTimestamp();
        for (EventHandlerInvoker invoker : invokers) {
            if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                event.getPayload();
                event.getMetaData();
                return;
            }
        }
    }

    /**
     * The audit log's processor goes on from the rebuilt position. Its token is stored directly: resetting it would run
     * the reset handler again and wipe the rebuilt rows. When another node's processor holds the token, that node goes
     * on from its own position instead: the audit log's rows are written once per event whoever writes them, so the
     * rows it writes again are kept once, and the rebuild stands.
     */
    private void storeAuditPosition(long head, Gaps gaps) {
        try {
            transactions.executeWithoutResult(status -> axon.getComponent(TokenStore.class)
                    .storeToken(GapAwareTrackingToken.newInstance(head, gaps.upTo(head)),
                            EventStoreConfiguration.AUDIT_PROCESSOR, 0));
        } catch (UnableToClaimTokenException e) {
            log.info("The audit log's processor runs on another node, which goes on from its own position: {}",
                    e.getMessage());
        }
    }

    /**
     * A rebuild leaves as many dead rows in its tables as live ones, and their visibility map cleared, so index-only
     * scans read the table again for every entry (a deep page ran at 40% of its speed) until autovacuum comes by. The
     * rebuild vacuums and analyzes the tables it wrote before it reports itself finished. A failure here leaves the
     * rebuilt rows as they are: it is logged, and autovacuum will do the same later.
     */
    private void vacuum(String names, Set<String> tables) {
        for (String table : tables) {
            long started = System.nanoTime();
            try {
                // outside any transaction, as VACUUM requires; the table names come from the handlers' own SQL
                jdbc.sql("VACUUM (ANALYZE) " + quoted(table)).update();
                log.info("Vacuumed {} after rebuilding {} in {} ms", table, names, (System.nanoTime() - started) / 1_000_000);
            } catch (DataAccessException e) {
                log.warn("Could not vacuum {} after rebuilding {}; autovacuum will: {}", table, names, e.getMessage());
            }
        }
    }

    private static String quoted(String table) {
        StringBuilder quoted = new StringBuilder();
        for (String part : table.split("\\.")) {
            quoted.append(quoted.isEmpty() ? "" : ".").append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return quoted.toString();
    }

    private ProjectionStatus status(String name, long head) {
        Progress current = progress.get(name);
        if (current != null && current.running) {
            double seconds = Math.max(0.001, Duration.between(current.startedAt, Instant.now()).toMillis() / 1000.0);
            return new ProjectionStatus(name, "rebuilding", current.position.get(), current.total,
                    current.replayed.get() / seconds, current.startedAt, null, null, null);
        }
        long position = EventStoreConfiguration.AUDIT_PROCESSOR.equals(name)
                ? jdbc.sql("SELECT position FROM read.audit_watermark_v1 WHERE id = 1").query(Long.class).single()
                : head;
        return new ProjectionStatus(name, current != null && current.error != null ? "failed" : "idle", position, head, 0,
                current == null ? null : current.startedAt, current == null ? null : current.finishedAt,
                current == null ? null : current.lastEvents, current == null ? null : current.error);
    }

    private long head() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElse(0);
    }

    private void requireKnown(String name) {
        if (!handlers().containsKey(name)) {
            // the name is repeated only when it could be one (a path may hold any character, a bidirectional override say)
            throw new MembershipException(ErrorCode.NOT_FOUND, (name.matches("[a-z0-9-]{1,64}") ? "No read model named " + name
                    : "No such read model") + "; see GET /v1/admin/projections.");
        }
    }

    /** Read models by processing group; policies (handlers that must not replay) are left out. */
    private Map<String, List<Object>> handlers() {
        Map<String, List<Object>> found = handlers;
        if (found == null) {
            found = new TreeMap<>();
            for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                Class<?> type = AopUtils.getTargetClass(bean);
                ProcessingGroup group = AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
                if (group != null && !isPolicy(type)) {
                    found.computeIfAbsent(group.value(), k -> new ArrayList<>()).add(bean);
                }
            }
            handlers = found;
        }
        return found;
    }

    private static boolean isPolicy(Class<?> type) {
        for (var method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(DisallowReplay.class)) {
                return true;
            }
        }
        return type.isAnnotationPresent(DisallowReplay.class);
    }

    private static final class Progress {
        private volatile boolean running;
        private volatile Instant startedAt;
        private volatile Instant finishedAt;
        private volatile long total;
        private volatile Long lastEvents;
        private volatile String error;
        /** The time the read model's handlers took in its last rebuild, for sharing out the next one. */
        private volatile long handlingNanos;
        private final AtomicLong position = new AtomicLong();
        private final AtomicLong replayed = new AtomicLong();
    }

    /**
     * One pass over the stored events: the replaying threads say when they hold their locks, the pass then reads the
     * head and opens the read, and each thread takes its feed of it. A thread that could not take its locks has its
     * feed closed at once, so that the read does not wait for it.
     */
    private static final class Pass {

        private final CountDownLatch locked;
        private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
        private final CompletableFuture<Start> start = new CompletableFuture<>();
        /**
         * Every share's read models in name order: the shares take their locks one at a time in this order, together,
         * as a writer takes its shared ones. Each share in name order on its own would not do: a share holding its
         * locks waits for the others before it replays, so a writer holding a lock one share wants, and waiting for
         * one another share holds, would stall the pass and every write with it.
         */
        private final List<String> order;
        private final Set<String> passed = new HashSet<>();
        private int turn;

        Pass(List<List<String>> shares) {
            locked = new CountDownLatch(shares.size());
            order = shares.stream().flatMap(List::stream).sorted().toList();
        }

        synchronized void awaitTurn(String name) {
            while (!order.get(turn).equals(name)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting to lock " + name, e);
                }
            }
        }

        synchronized void taken(String name) {
            passed.add(name);
            advance();
        }

        void locked(int share, boolean held, List<String> names) {
            if (!held) {
                failed.add(share);
                synchronized (this) {
                    // the locks this share did not take are passed over, so that the others still take theirs
                    passed.addAll(names);
                    advance();
                }
            }
            locked.countDown();
        }

        private void advance() {
            while (turn < order.size() - 1 && passed.contains(order.get(turn))) {
                turn++;
            }
            notifyAll();
        }

        void start(Supplier<Start> opening) throws InterruptedException {
            locked.await();
            try {
                Start opened = opening.get();
                for (int share : failed) {
                    opened.feeds().get(share).close();
                }
                start.complete(opened);
            } catch (RuntimeException e) {
                start.completeExceptionally(e);
                throw e;
            }
        }

        Start awaitStart() {
            try {
                return start.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the rebuild to start", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("The rebuild could not start: " + e.getCause().getMessage(), e.getCause());
            }
        }

        long head() {
            return start.join().head();
        }

        /** Lets every thread still waiting for the start fail instead of waiting forever. */
        void abandon() {
            start.completeExceptionally(new IllegalStateException("The rebuild stopped before its replay started"));
        }
    }

    private record Start(long head, List<ReplayPrefetch> feeds) {
    }

    /** The positions up to the head that no stored event holds (the global index's gaps), for the audit log's token. */
    private static final class Gaps {

        private final TreeSet<Long> missing = new TreeSet<>();
        private long next = 1;

        synchronized void see(long position) {
            for (long gap = next; gap < position; gap++) {
                missing.add(gap);
            }
            next = Math.max(next, position + 1);
        }

        synchronized TreeSet<Long> upTo(long head) {
            TreeSet<Long> gaps = new TreeSet<>(missing);
            for (long gap = next; gap <= head; gap++) {
                gaps.add(gap);
            }
            return gaps;
        }
    }

    private static final class ReplayerThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "projection-rebuild-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
