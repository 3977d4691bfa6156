package dev.membership.infra.projection;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every transaction that updates a read model holds that read model's shared lock; a rebuild holds it
 * exclusively. Writes to a read model therefore wait while it is rebuilt, and reads never do.
 *
 * <p>The subscribing read models all handle every event published in a transaction (Axon runs their interceptors
 * for each event, whatever its type), so the first of them to see an event takes the shared locks of all of them, in
 * one statement instead of one round trip each. A tracking processor takes its own lock in its own transaction.
 */
final class ProjectionLocks {

    /** The unit-of-work resource naming the read models whose shared lock the transaction holds. */
    private static final String HELD = ProjectionLocks.class.getName() + ".held";

    private ProjectionLocks() {
    }

    static void shared(JdbcClient jdbc, List<String> projections) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtext(n)) FROM unnest(CAST(:names AS text[])) AS n")
                .param("names", projections.stream().map(ProjectionLocks::key).toArray(String[]::new))
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
                List<String> names = subscribing.contains(projection)
                        ? subscribing.stream().filter(name -> !held.contains(name)).sorted().toList()
                        : List.of(projection);
                shared(jdbc, names);
                held.addAll(names);
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
