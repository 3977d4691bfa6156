package dev.membership.api.group;

/** Orders of group lists. */
public enum GroupSort {
    NAME, MANAGER, MEMBERS_COUNT
}
