package dev.membership.api.group;

import java.util.List;

/** Groups in creation order. */
public record GroupList(List<GroupView> groups) {
}
