package dev.membership.command.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GroupSnapshotsTest {

    @Test
    void aGroupEventWeighsTheMembershipIdsItCarries() {
        UUID group = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        List<UUID> three = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        assertThat(GroupSnapshots.idsCarried(new GroupMembersReplacedEvent(group, org, three, three.subList(0, 2))))
                .isEqualTo(5);
        assertThat(GroupSnapshots.idsCarried(new GroupDirectoryLinksReplacedEvent(group, org, List.of("d-1"), three)))
                .isEqualTo(4);
        assertThat(GroupSnapshots.idsCarried(new GroupMembersReplacedEvent(group, org, List.of(), List.of())))
                .isEqualTo(0);
        assertThat(GroupSnapshots.idsCarried("any other event")).isEqualTo(1);
    }
}
