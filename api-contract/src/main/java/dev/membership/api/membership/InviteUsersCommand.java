package dev.membership.api.membership;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds people to an organization, all or none: known people become accepted members, unknown ones get a
 * pending invitation (or everyone does, in {@link InvitationMode#INVITE_EVERYONE}). An invitee without role ids
 * gets the User role. Answered with an {@link InviteUsersResult}.
 */
public record InviteUsersCommand(@TargetAggregateIdentifier UUID organizationId, List<Invitee> invitees, InvitationMode mode,
        Actor actor) {

    public InviteUsersCommand {
        invitees = List.copyOf(invitees);
    }

    public InviteUsersCommand(UUID organizationId, List<Invitee> invitees, Actor actor) {
        this(organizationId, invitees, InvitationMode.ADD_KNOWN_PEOPLE, actor);
    }
}
