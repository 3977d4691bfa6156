package dev.membership.api.invitation;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a pending invitation. */
public record RevokeInvitationCommand(@TargetAggregateIdentifier UUID organizationId, UUID invitationId, Actor actor) {
}
