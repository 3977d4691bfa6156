package dev.membership.query;

/**
 * How many of an organization's pending invitations are past their time but not yet ended by the expiry sweep (usually
 * none), found by their own index (V19; the last clause names that index's condition, which no list states). Kept
 * counts take them off, as the lists of invitations leave them out. Takes {@code :org}.
 */
public final class DueInvitations {

    public static final String COUNT = "SELECT count(*) FROM read.member_v1 WHERE organization_id = :org"
            + " AND status = 'pending' AND expires_at <= now() AND expires_at < 'infinity'";

    private DueInvitations() {
    }
}
