package dev.membership.command.group;

import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.command.config.GrowingSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When a group is snapshotted. A group has few events, but a replacement of its members carries every id it adds or
 * removes: groups are snapshotted once the ids their events carried since the last snapshot reach the threshold, so
 * loading one replays at most about that many ids after its snapshot, however many times it was replaced.
 */
@Configuration(proxyBeanMethods = false)
class GroupSnapshots {

    @Bean
    SnapshotTriggerDefinition groupSnapshotTrigger(Snapshotter snapshotter,
            @Value("${membership.group-snapshot-ids:10000}") int ids) {
        return new GrowingSnapshotTriggerDefinition(snapshotter, ids, 0, GroupSnapshots::idsCarried);
    }

    /** The membership (and directory group) ids a group event carries; 1 for an event that carries none by design. */
    static long idsCarried(Object payload) {
        if (payload instanceof GroupMembersReplacedEvent replaced) {
            return replaced.addedMembershipIds().size() + replaced.removedMembershipIds().size();
        }
        if (payload instanceof GroupDirectoryLinksReplacedEvent linked) {
            return linked.directoryGroupIds().size() + linked.linkedMembershipIds().size();
        }
        return 1;
    }
}
