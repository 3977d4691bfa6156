package dev.membership.api.membership;

import java.util.List;

/** One page of members, and whether more follow. */
public record MemberPage(List<MemberView> items, boolean hasMore) {
}
