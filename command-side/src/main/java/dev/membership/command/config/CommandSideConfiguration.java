package dev.membership.command.config;

import dev.membership.command.invitation.InvitationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wiring of the command side: aggregate cache and snapshots, and the invitation policy. */
@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /**
     * Aggregates stay cached by reference on the heap, up to a number per type, those used least recently evicted
     * first. A weak-reference cache loses every aggregate at each garbage collection, and reloading a large
     * organization from its snapshot costs far more than the command itself.
     */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    @Bean
    Cache organizationCache(CacheManager caches, @Value("${membership.aggregate-cache-size:256}") int size) {
        return aggregateCache(caches, "organizations", size);
    }

    @Bean
    Cache groupCache(CacheManager caches, @Value("${membership.aggregate-cache-size:256}") int size) {
        return aggregateCache(caches, "groups", size);
    }

    private static Cache aggregateCache(CacheManager caches, String name, int size) {
        // a cache manager's caches are Ehcache instances, the type the adapter takes
        return new EhCache3Adapter((Ehcache<Object, Object>) caches.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(size))));
    }

    /**
     * Cached aggregates are compared with the store, for the commands the store's own check does not cover, when more
     * than one node may write to the database: by default when the service uses a PostgreSQL of its own
     * ({@code spring.datasource.url}), not with the embedded one, which only this node reaches.
     */
    @Bean
    CachedAggregates cachedAggregates(EventStore store, Environment environment,
            @Value("${membership.aggregate-cache.check:#{null}}") Boolean check) {
        return new CachedAggregates(store, check != null ? check : environment.containsProperty("spring.datasource.url"));
    }

    /**
     * Every aggregate is loaded from its own type's events only. Organizations, groups and directory groups share
     * the event table, and their ids have one form, so an organization's id sent where a group's belongs would
     * otherwise have the group built from the organization's events. {@code @Aggregate(filterEventsByType = true)}
     * says the same but is not read when Spring Boot registers the aggregates (Axon 4.12), so it is set here.
     */
    @Bean
    static BeanPostProcessor aggregatesReadOwnEventsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof SpringAggregateConfigurer<?> aggregate) {
                    aggregate.setFilterEventsByType(true);
                    aggregate.setLockFactory(AGGREGATE_LOCKS);
                }
                return bean;
            }
        };
    }

    static final String AGGREGATE_LOCKS = "aggregateLocks";

    /**
     * An aggregate's lock is waited for 5 s at most (Axon waits a minute). Commands of one aggregate run on one writer,
     * so a wait is for a command another writer's policy sends (a removal leaving groups, a directory link inviting
     * people); one writer can then hold an aggregate the other needs while it waits for a membership row the other
     * has locked (see MembershipLookup), which neither PostgreSQL nor Axon sees as a deadlock. The wait that gives up
     * first (before the 10 s transaction timeout) fails its batch, which runs again command by command once the other
     * has committed.
     */
    @Bean(AGGREGATE_LOCKS)
    LockFactory aggregateLocks() {
        return PessimisticLockFactory.builder().acquireAttempts(50).lockAttemptTimeout(100).build();
    }

    /** Every aggregate finds its commands' targets through this one: Axon's configuration takes it by its type. */
    @Bean
    CommandTargets commandTargets() {
        return new CommandTargets();
    }

    /** Snapshots are taken off the command thread, so a write never waits for one. */
    @Bean
    SpringAggregateSnapshotterFactoryBean snapshotter() {
        SpringAggregateSnapshotterFactoryBean factory = new SpringAggregateSnapshotterFactoryBean();
        Executor executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshotter");
            thread.setDaemon(true);
            return thread;
        });
        factory.setExecutor(executor);
        return factory;
    }

    /**
     * Snapshots are spaced by a share of the aggregate's history, at least the threshold apart: a fixed spacing makes
     * every event of a large organization pay for rewriting its whole state every few hundred events.
     */
    @Bean
    SnapshotTriggerDefinition organizationSnapshotTrigger(Snapshotter snapshotter,
            @Value("${membership.snapshot-threshold:250}") int threshold,
            @Value("${membership.snapshot-share:0.25}") double share) {
        return new GrowingSnapshotTriggerDefinition(snapshotter, threshold, share);
    }

    /**
     * One clock for the events' stamps and the times their payloads name (see {@link CommandClock}), in whole
     * milliseconds: the event store keeps an event's stamp to the millisecond (the audit log and the feed read it
     * from there) and PostgreSQL rounds a read model's time to the microsecond, so only whole milliseconds are one
     * instant in the command's answer, its events' payloads, the read models, the audit log and the feed.
     */
    @Bean
    CommandClock commandClock() {
        CommandClock clock = new CommandClock(Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
        GenericEventMessage.clock = clock;
        return clock;
    }

    @Bean
    InvitationPolicy invitationPolicy(@Value("${membership.invitations.time-to-live:P14D}") Duration timeToLive,
            CommandClock clock) {
        return new InvitationPolicy(timeToLive, clock);
    }
}
