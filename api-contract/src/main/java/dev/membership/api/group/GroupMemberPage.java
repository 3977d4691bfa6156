package dev.membership.api.group;

import java.util.List;

/** One page of group members and the number of members the query matches. */
public record GroupMemberPage(List<GroupMemberView> items, long total) {
}
