package dev.membership.api.membership;

/** Orders of membership lists. */
public enum MembershipSort {
    EMAIL, FULL_NAME, LAST_NAME, STATUS, JOINED
}
