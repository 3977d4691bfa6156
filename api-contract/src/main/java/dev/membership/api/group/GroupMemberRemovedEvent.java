package dev.membership.api.group;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** One membership left a group, for the given reason. */
@Revision("1")
public record GroupMemberRemovedEvent(UUID groupId, UUID organizationId, UUID membershipId, String reason) {
}
