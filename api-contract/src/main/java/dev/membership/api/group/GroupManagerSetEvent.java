package dev.membership.api.group;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A group's manager changed; {@code managerMembershipId} is {@code null} when it has none, and
 * {@code previousManagerMembershipId} names the manager before, if any (revision 2; a change stored as revision 1 is
 * read with none named).
 */
@Revision("2")
public record GroupManagerSetEvent(UUID groupId, UUID organizationId, UUID managerMembershipId,
        UUID previousManagerMembershipId) {
}
