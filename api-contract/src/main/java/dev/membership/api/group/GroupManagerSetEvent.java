package dev.membership.api.group;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A group's manager changed; {@code managerMembershipId} is {@code null} when it has none. */
@Revision("1")
public record GroupManagerSetEvent(UUID groupId, UUID organizationId, UUID managerMembershipId) {
}
