package dev.membership.api.membership;

import dev.membership.api.invitation.UserInvitedEvent;
import java.util.List;

/** What an {@link InviteUsersCommand} did, in request order. */
public record InviteUsersResult(List<MemberAddedEvent> members, List<UserInvitedEvent> invitations) {
}
