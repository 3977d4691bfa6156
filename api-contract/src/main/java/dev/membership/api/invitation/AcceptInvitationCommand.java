package dev.membership.api.invitation;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invited person accepts; the caller's email must be the invited one. */
public record AcceptInvitationCommand(@TargetAggregateIdentifier UUID organizationId, UUID invitationId, Actor actor) {
}
