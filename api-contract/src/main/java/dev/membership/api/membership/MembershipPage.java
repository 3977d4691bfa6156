package dev.membership.api.membership;

import java.util.List;

/** One page of memberships and the number the query matches. */
public record MembershipPage(List<MembershipView> items, long total) {
}
