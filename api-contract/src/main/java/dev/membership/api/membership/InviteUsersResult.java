package dev.membership.api.membership;

import dev.membership.api.invitation.UserInvitedEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an {@link InviteUsersCommand} did, in request order; with {@link InvitationMode#INVITE_EVERYONE}, also the
 * people who already had a membership (pending or accepted), by email, with its id.
 */
public record InviteUsersResult(List<MemberAddedEvent> members, List<UserInvitedEvent> invitations,
        Map<String, UUID> alreadyThere) {

    public InviteUsersResult {
        alreadyThere = Map.copyOf(alreadyThere);
    }
}
