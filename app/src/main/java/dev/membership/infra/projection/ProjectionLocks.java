package dev.membership.infra.projection;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every transaction that updates a read model holds that read model's shared lock; a rebuild holds it
 * exclusively. Writes to a read model therefore wait while it is rebuilt, and reads never do.
 *
 * <p>The subscribing read models all handle every event published in a transaction (Axon runs their interceptors
 * for each event, whatever its type), so a command's transaction takes the shared locks of all of them in one
 * statement before its first command is handled ({@link #beforeHandling}): a writer waiting for a rebuild then holds
 * no global position, and from the moment it has its locks the database gives it a bounded time to commit
 * (PostgreSQL's {@code transaction_timeout}, armed in the same statement). The audit log and Axon's readers pass a gap
 * in the positions only once no transaction can fill it any more, which that bound makes certain. A tracking
 * processor takes its own lock in its own transaction. Events are published by command handlers only (an
 * architecture test holds to it): an event published outside a command would be stored before its subscribing read
 * models took their locks when they saw it, with no bound on its transaction, the order this class exists to avoid.
 */
final class ProjectionLocks {

    /** The unit-of-work resource naming the read models whose shared lock the transaction holds. */
    private static final String HELD = ProjectionLocks.class.getName() + ".held";
    /** The unit-of-work resource saying that the transaction's time after its locks is bounded already. */
    private static final String BOUNDED = ProjectionLocks.class.getName() + ".bounded";

    private ProjectionLocks() {
    }

    static void shared(JdbcClient jdbc, List<String> projections) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtext(n)) FROM unnest(CAST(:names AS text[])) AS n")
                .param("names", projections.stream().map(ProjectionLocks::key).toArray(String[]::new))
                .query().listOfRows();
    }

    /**
     * Takes the shared locks of {@code projections}, then arms the transaction's {@code transaction_timeout}, which
     * PostgreSQL counts from here: the wait for the locks (a rebuild may take minutes) is not bounded, what follows is.
     */
    static void sharedThenBounded(JdbcClient jdbc, List<String> projections, Duration bound) {
        jdbc.sql("""
                        WITH locked AS MATERIALIZED (
                            SELECT pg_advisory_xact_lock_shared(hashtext(n)) FROM unnest(CAST(:names AS text[])) AS n)
                        SELECT set_config('transaction_timeout', :bound, true) FROM (SELECT count(*) FROM locked) AS held""")
                .param("names", projections.stream().map(ProjectionLocks::key).toArray(String[]::new))
                .param("bound", bound.toMillis() + "ms")
                .query().listOfRows();
    }

    static void exclusive(JdbcClient jdbc, String projection) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:name))").param("name", key(projection)).query().singleRow();
    }

    /**
     * Takes the shared lock once per transaction of each processing group; for a subscribing one, those of every
     * subscribing processing group not yet held, together.
     */
    static MessageHandlerInterceptor<EventMessage<?>> interceptor(JdbcClient jdbc, Configuration axon, String projection) {
        SubscribingGroups groups = new SubscribingGroups(axon);
        return (unitOfWork, chain) -> {
            Set<String> held = unitOfWork.root().getOrComputeResource(HELD, key -> new HashSet<>());
            if (!held.contains(projection)) {
                Set<String> subscribing = groups.get();
                List<String> names = subscribing.contains(projection) ? groups.notIn(held) : List.of(projection);
                shared(jdbc, names);
                held.addAll(names);
            }
            return chain.proceed();
        };
    }

    /**
     * Runs before each command's handler: takes the shared locks of every subscribing read model the transaction does
     * not hold yet, and bounds the rest of the transaction to {@code bound}, once per transaction (a batch of commands
     * shares one). The wait for a rebuild thus comes before the command loads its aggregate, creates its events (whose
     * times Axon's readers judge gaps by) or takes a position in the store.
     */
    static MessageHandlerInterceptor<CommandMessage<?>> beforeHandling(JdbcClient jdbc, Configuration axon,
            Duration bound) {
        SubscribingGroups groups = new SubscribingGroups(axon);
        return (unitOfWork, chain) -> {
            UnitOfWork<?> root = unitOfWork.root();
            if (!root.resources().containsKey(BOUNDED)) {
                Set<String> held = root.getOrComputeResource(HELD, key -> new HashSet<>());
                List<String> names = groups.notIn(held);
                sharedThenBounded(jdbc, names, bound);
                held.addAll(names);
                root.resources().put(BOUNDED, Boolean.TRUE);
            }
            return chain.proceed();
        };
    }

    private static String key(String projection) {
        return "projection:" + projection;
    }

    /** The names of the subscribing processors, read once the configuration has built them all. */
    private static final class SubscribingGroups {

        private final Configuration axon;
        private volatile Set<String> names;

        SubscribingGroups(Configuration axon) {
            this.axon = axon;
        }

        /** The subscribing processors not in {@code held}, in name order (the order every transaction locks in). */
        List<String> notIn(Set<String> held) {
            return get().stream().filter(name -> !held.contains(name)).sorted().toList();
        }

        Set<String> get() {
            Set<String> found = names;
            if (found == null) {
                found = axon.eventProcessingConfiguration().eventProcessors().entrySet().stream()
                        .filter(entry -> entry.getValue() instanceof SubscribingEventProcessor)
                        .map(java.util.Map.Entry::getKey)
                        .collect(Collectors.toUnmodifiableSet());
                names = found;
            }
            return found;
        }
    }
}
