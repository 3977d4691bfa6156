package dev.membership.api.invitation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends an invitation whose time is up, if it is still pending then; sent by the service itself. Sending it again, or
 * for an invitation accepted, revoked or not yet due, changes nothing.
 */
public record ExpireInvitationCommand(@TargetAggregateIdentifier UUID organizationId, UUID invitationId) {
}
