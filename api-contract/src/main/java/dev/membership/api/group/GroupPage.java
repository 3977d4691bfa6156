package dev.membership.api.group;

import java.util.List;

/** One page of groups and the number of groups the query matches. */
public record GroupPage(List<GroupView> items, long total) {
}
