package dev.membership.api.invitation;

import java.util.UUID;

/**
 * The organization an invitation belongs to, whatever became of it since, answered with an optional
 * organization id. It routes an acceptance to the organization that decides on it.
 */
public record FindInvitationOrganizationQuery(UUID invitationId) {
}
