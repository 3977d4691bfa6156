package dev.membership.command.directory;

import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.command.config.GrowingSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When a directory group is snapshotted. Each provisioning carries the whole group, so one provisioned every day
 * would otherwise replay every list it was ever given: it is snapshotted once the people its provisionings carried
 * since the last snapshot reach the groups' threshold, as groups are by the ids they carry.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryGroupSnapshots {

    @Bean
    SnapshotTriggerDefinition directoryGroupSnapshotTrigger(Snapshotter snapshotter,
            @Value("${membership.group-snapshot-ids:10000}") int people) {
        return new GrowingSnapshotTriggerDefinition(snapshotter, people, 0, DirectoryGroupSnapshots::peopleCarried);
    }

    /** The people a provisioning carries; at least 1, so an empty group's provisionings count too. */
    static long peopleCarried(Object payload) {
        return payload instanceof DirectoryGroupProvisionedEvent provisioned ? Math.max(1, provisioned.members().size()) : 1;
    }
}
