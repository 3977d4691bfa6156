package dev.membership.api.group;

import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A group's links to directory groups were replaced by this list; {@code linkedMembershipIds} are the memberships
 * of the people those links reach now.
 */
@Revision("1")
public record GroupDirectoryLinksReplacedEvent(UUID groupId, UUID organizationId, List<String> directoryGroupIds,
        List<UUID> linkedMembershipIds) {
}
