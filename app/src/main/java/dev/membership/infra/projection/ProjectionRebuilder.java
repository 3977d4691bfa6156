package dev.membership.infra.projection;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.infra.axon.EventStoreConfiguration;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
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
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ReflectionUtils;

/**
 * Rebuilds a read model from the event store while the service serves: one transaction deletes its rows and
 * replays every stored event through its handlers. Readers keep seeing the old rows until the new ones commit;
 * writers to that read model wait on its lock meanwhile, then apply their events to the rebuilt rows. The audit
 * log's tracking processor is paused and resumes from the replayed position.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

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

    ProjectionRebuilder(ApplicationContext context, Configuration axon, EventStorageEngine storage, JdbcClient jdbc,
            DataSource dataSource, PlatformTransactionManager transactionManager) {
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

    /** Subscribing and tracking read models alike take their read model's shared lock in every transaction. */
    @Bean
    static ConfigurerModule projectionLocks(JdbcClient jdbc) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processor) -> ProjectionLocks.interceptor(jdbc, config, processor));
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

    /** Starts a rebuild in the background; one at a time per read model. */
    public ProjectionStatus rebuild(String name) {
        requireKnown(name);
        Progress current = progress.computeIfAbsent(name, n -> new Progress());
        synchronized (current) {
            if (current.running) {
                throw new MembershipException(ErrorCode.CONCURRENT_MODIFICATION, "The read model " + name + " is already rebuilding.");
            }
            current.running = true;
            current.startedAt = Instant.now();
            current.finishedAt = null;
            current.error = null;
            current.position.set(0);
            current.replayed.set(0);
        }
        executor.submit(() -> run(name, current));
        return status(name);
    }

    private void run(String name, Progress current) {
        boolean audit = EventStoreConfiguration.AUDIT_PROCESSOR.equals(name);
        TrackingEventProcessor tracker = audit
                ? axon.eventProcessingConfiguration().eventProcessor(name, TrackingEventProcessor.class).orElseThrow()
                : null;
        try {
            if (tracker != null) {
                tracker.shutDown();
            }
            TreeSet<Long> seen = new TreeSet<>();
            Set<String> written = new LinkedHashSet<>();
            long head = transactions.execute(status -> replay(name, current, seen, written));
            vacuum(name, written);
            if (tracker != null) {
                TreeSet<Long> gaps = new TreeSet<>();
                for (long position = 1; position <= head; position++) {
                    if (!seen.contains(position)) {
                        gaps.add(position);
                    }
                }
                // stored directly: resetTokens would run the reset handler again and wipe the rebuilt rows
                transactions.executeWithoutResult(status ->
                        axon.getComponent(TokenStore.class).storeToken(GapAwareTrackingToken.newInstance(head, gaps), name, 0));
            }
        } catch (RuntimeException e) {
            log.error("Rebuilding {} failed", name, e);
            current.error = e.toString();
        } finally {
            if (tracker != null) {
                tracker.start();
            }
            current.finishedAt = Instant.now();
            current.lastEvents = current.replayed.get();
            current.running = false;
        }
    }

    private long replay(String name, Progress current, TreeSet<Long> seen, Set<String> written) {
        ProjectionLocks.exclusive(jdbc, name);
        long head = head();
        current.total = head;
        // the handlers' inserts go to the database in JDBC batches: the transaction's connection is swapped for one
        // that batches them (ReplayBatching), and swapped back before the commit
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
        if (holder == null) {
            replay(name, current, seen, head);
            return head;
        }
        Connection batching = ReplayBatching.wrap(holder.getConnection());
        TransactionSynchronizationManager.unbindResource(dataSource);
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(batching, true));
        try {
            replay(name, current, seen, head);
            long batched = ReplayBatching.finish(batching);
            written.addAll(ReplayBatching.tables(batching));
            log.info("Rebuilt {} from {} events up to position {}; {} rows written in batches", name,
                    current.replayed.get(), head, batched);
        } catch (SQLException e) {
            throw new IllegalStateException("Rebuilding " + name + " failed: " + e.getMessage(), e);
        } finally {
            ReplayBatching.close(batching);
            TransactionSynchronizationManager.unbindResource(dataSource);
            TransactionSynchronizationManager.bindResource(dataSource, holder);
        }
        return head;
    }

    private void replay(String name, Progress current, TreeSet<Long> seen, long head) {
        // the processing group's own handler invoker: the same handlers, parameters and ordering as live; events are
        // marked as a replay, so handlers that must not replay (policies) skip them
        EventHandlerInvoker invoker = ((AbstractEventProcessor) axon.eventProcessingConfiguration().eventProcessor(name)
                .orElseThrow()).eventHandlerInvoker();
        invoker.performReset();
        // the tokens advance as a tracking processor's do after a reset to the start, so every event up to the head,
        // the last one included, reads as a replay (ReplayStatus, @DisallowReplay)
        TrackingToken token = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(head, new TreeSet<>()));
        // the events are read and deserialized on a thread of their own while the handlers work. It reads in a
        // read-only transaction of its own, which sees what this one would (committed events), on one connection for
        // the whole replay: writers held by the rebuild's lock keep theirs meanwhile, at most the concurrent writes
        try (ReplayPrefetch stored = ReplayPrefetch.start(reads, () -> storage.readEvents(null, false), head,
                event -> prepare(invoker, event), "projection-rebuild-reader")) {
            while (stored.hasNext()) {
                TrackedEventMessage<?> event = stored.next();
                token = token instanceof WrappedToken replaying
                        ? replaying.advancedTo(event.trackingToken()) : event.trackingToken();
                TrackedEventMessage<?> replay = event.withTrackingToken(token);
                DefaultUnitOfWork.startAndGet(replay).execute(() -> {
                    try {
                        invoker.handle(replay, Segment.ROOT_SEGMENT);
                    } catch (Exception e) {
                        ReflectionUtils.rethrowRuntimeException(e);
                    }
                });
                seen.add(position(event));
                current.position.set(position(event));
                current.replayed.incrementAndGet();
            }
        }
    }

    /** What a handler of the read model will read of an event it handles, made ready before the handler runs. */
    private static void prepare(EventHandlerInvoker invoker, TrackedEventMessage<?> event) {
        event.getTimestamp();
        if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
            event.getPayload();
            event.getMetaData();
        }
    }

    /**
     * A rebuild leaves as many dead rows in its tables as live ones, and their visibility map cleared, so index-only
     * scans read the table again for every entry (a deep page ran at 40% of its speed) until autovacuum comes by. The
     * rebuild vacuums and analyzes the tables it wrote before it reports itself finished. A failure here leaves the
     * rebuilt rows as they are: it is logged, and autovacuum will do the same later.
     */
    private void vacuum(String name, Set<String> tables) {
        for (String table : tables) {
            long started = System.nanoTime();
            try {
                // outside any transaction, as VACUUM requires; the table names come from the handlers' own SQL
                jdbc.sql("VACUUM (ANALYZE) " + quoted(table)).update();
                log.info("Vacuumed {} after rebuilding {} in {} ms", table, name, (System.nanoTime() - started) / 1_000_000);
            } catch (DataAccessException e) {
                log.warn("Could not vacuum {} after rebuilding {}; autovacuum will: {}", table, name, e.getMessage());
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
            throw new MembershipException(ErrorCode.NOT_FOUND, "No read model named " + name + "; see GET /v1/admin/projections.");
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
        private final AtomicLong position = new AtomicLong();
        private final AtomicLong replayed = new AtomicLong();
    }
}
