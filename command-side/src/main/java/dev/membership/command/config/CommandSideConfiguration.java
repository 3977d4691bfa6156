package dev.membership.command.config;

import dev.membership.command.invitation.InvitationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the command side: aggregate cache and snapshots, and the invitation policy. */
@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /** Aggregates stay cached by strong reference, least recently used evicted first. */
    @Bean
    Cache organizationCache(@Value("${membership.aggregate-cache-size:256}") int size) {
        return new BoundedAggregateCache(size);
    }

    @Bean
    Cache groupCache(@Value("${membership.aggregate-cache-size:256}") int size) {
        return new BoundedAggregateCache(size);
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

    @Bean
    SnapshotTriggerDefinition organizationSnapshotTrigger(Snapshotter snapshotter,
            @Value("${membership.snapshot-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    InvitationPolicy invitationPolicy(@Value("${membership.invitations.time-to-live:P14D}") Duration timeToLive) {
        return new InvitationPolicy(timeToLive, Clock.systemUTC());
    }
}
