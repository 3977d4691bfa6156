package dev.membership.api.group;

import java.util.UUID;

/**
 * One group of an organization, answered with an optional {@link GroupView}.
 *
 * @param withMembers whether the view lists the group's members; without them it answers in constant time
 */
public record FindGroupQuery(UUID organizationId, UUID groupId, boolean withMembers) {

    public FindGroupQuery(UUID organizationId, UUID groupId) {
        this(organizationId, groupId, true);
    }
}
