package dev.membership.api.invitation;

import java.util.List;

/** One page of invitations, and whether more follow. */
public record InvitationPage(List<InvitationView> items, boolean hasMore) {
}
