package dev.membership.command.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's view of which memberships exist in which organization ({@code lookup.membership_v1}),
 * for checks that span aggregates, such as "group members are memberships of the same organization".
 */
@Component
public class MembershipLookup {

    private final JdbcClient jdbc;

    MembershipLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Membership ids (accepted, or pending and not yet past their expiry at {@code now}) of the given emails in the
     * organization, by email. The rows found stay locked against their removal until the transaction ends (see
     * {@link #notIn}).
     */
    public Map<String, UUID> byEmails(UUID organizationId, Collection<String> emails, Instant now) {
        if (emails.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT email, membership_id FROM lookup.membership_v1
                        WHERE organization_id = :org AND email = ANY (:emails)
                          AND NOT (status = 'pending' AND expires_at <= :now)
                        FOR KEY SHARE""")
                .param("org", organizationId)
                .param("now", Timestamp.from(now))
                .param("emails", emails.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString("email"), rs.getObject("membership_id", UUID.class)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A pending invitation whose expiry has come. */
    public record DueInvitation(UUID organizationId, UUID invitationId) {
    }

    /** Pending invitations whose expiry is at or before {@code now}, those due first first, at most {@code limit}. */
    public List<DueInvitation> dueInvitations(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT organization_id, membership_id FROM lookup.membership_v1
                        WHERE status = 'pending' AND expires_at <= :now
                        ORDER BY expires_at LIMIT :limit""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new DueInvitation(rs.getObject("organization_id", UUID.class),
                        rs.getObject("membership_id", UUID.class)))
                .list();
    }

    /**
     * Those of the given membership ids that are not memberships of the organization. Those of them that would join a
     * group ({@code joining}) stay locked against their removal until the transaction ends: a group command that
     * found such a membership commits before that membership's removal (which then takes it out of the group, see
     * {@link #awaitWritersOf}), and one that comes while a removal is under way waits for it and finds the membership
     * gone. Members a group already has are not locked (a removal finds them through the group look-up), so a
     * replacement of 10,000 members that changes 1,000 locks 1,000 rows.
     */
    public List<UUID> notIn(UUID organizationId, Collection<UUID> membershipIds, Collection<UUID> joining) {
        if (membershipIds.isEmpty()) {
            return List.of();
        }
        Set<UUID> locking = Set.copyOf(joining);
        List<UUID> others = membershipIds.stream().filter(id -> !locking.contains(id)).distinct().toList();
        Set<UUID> found = new HashSet<>(others.isEmpty() ? Set.of() : jdbc.sql("""
                        SELECT membership_id FROM lookup.membership_v1
                        WHERE organization_id = :org AND membership_id = ANY (:ids)""")
                .param("org", organizationId)
                .param("ids", others.toArray(UUID[]::new))
                .query(UUID.class).set());
        if (!locking.isEmpty()) {
            found.addAll(jdbc.sql("""
                            SELECT membership_id FROM lookup.membership_v1
                            WHERE organization_id = :org AND membership_id = ANY (:ids)
                            FOR KEY SHARE""")
                    .param("org", organizationId)
                    .param("ids", locking.toArray(UUID[]::new))
                    .query(UUID.class).set());
        }
        return membershipIds.stream().filter(id -> !found.contains(id)).toList();
    }

    /**
     * Waits until every transaction that found the membership for a group ({@link #notIn}, {@link #byEmails}) has
     * ended, so that a membership that ends sees, and leaves, every group it was put in. Called in the transaction
     * that ends it: from here on no group command can find it.
     */
    public void awaitWritersOf(UUID membershipId) {
        jdbc.sql("SELECT membership_id FROM lookup.membership_v1 WHERE membership_id = :id FOR UPDATE")
                .param("id", membershipId).query(UUID.class).optional();
    }
}
