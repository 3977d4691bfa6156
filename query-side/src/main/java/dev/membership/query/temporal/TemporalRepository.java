package dev.membership.query.temporal;

import dev.membership.api.temporal.MemberAsOf;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The temporal tables; a range [valid_from, valid_to) holds at {@code t} when valid_from <= t < valid_to (and, for a
 * pending invitation, t is before its expiry). A range
 * opened at the instant an earlier one of the same key was opened and closed (changes back and forth within one
 * millisecond, the store's precision) reopens that one: it holds from then on, rather than the new one being dropped
 * as a duplicate and nothing holding. Two ranges of one key can overlap: a policy's command takes its cause's time,
 * which can be earlier than a change another request committed to the same aggregate meanwhile (a member removed at
 * 12:00:02 and re-added by a follow-up stamped 12:00:01). Views list each key once all the same, with its latest range
 * then; the overlap is resolved as they are read, which is rare, rather than looked for on every write, which a
 * rebuild makes a million times.
 */
@Repository
class TemporalRepository {

    private final JdbcClient jdbc;

    TemporalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens a status period; a pending one carries its invitation's expiry, after which it no longer holds even before
     * the expiry is recorded (the sweep's time, or a re-invite's).
     */
    void openMembership(UUID org, UUID membershipId, UUID userId, String email, String status, Instant at,
                        Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO read.membership_period_v1 (organization_id, membership_id, user_id, email, status,
                                                               valid_from, expires_at)
                        VALUES (:org, :id, :user, :email, :status,
                                :at, :expiresAt)
                        ON CONFLICT (membership_id, status, valid_from) DO UPDATE SET valid_to = NULL""")
                .param("org", org).param("id", membershipId).param("user", userId).param("email", email)
                .param("status", status).param("at", stored(at))
                .param("expiresAt", expiresAt == null ? null : Timestamp.from(expiresAt), Types.TIMESTAMP).update();
    }

    void closeMembership(UUID membershipId, Instant at) {
        jdbc.sql("UPDATE read.membership_period_v1 SET valid_to = :at WHERE membership_id = :id AND valid_to IS NULL")
                .param("at", stored(at)).param("id", membershipId).update();
    }

    void openRoles(UUID org, UUID membershipId, List<UUID> roleIds, Instant at) {
        for (UUID roleId : roleIds) {
            jdbc.sql("""
                            INSERT INTO read.role_period_v1 (organization_id, membership_id, role_id, valid_from)
                            VALUES (:org, :id, :role, :at)
                            ON CONFLICT (membership_id, role_id, valid_from) DO UPDATE SET valid_to = NULL""")
                    .param("org", org).param("id", membershipId).param("role", roleId).param("at", stored(at)).update();
        }
    }

    void closeRoles(UUID membershipId, List<UUID> roleIds, Instant at) {
        if (roleIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE read.role_period_v1 SET valid_to = :at
                        WHERE membership_id = :id AND role_id = ANY (:roles) AND valid_to IS NULL""")
                .param("at", stored(at)).param("id", membershipId).param("roles", roleIds.toArray(UUID[]::new)).update();
    }

    /** A membership ended: its status period and every role it held close. */
    void end(UUID membershipId, Instant at) {
        closeMembership(membershipId, at);
        jdbc.sql("UPDATE read.role_period_v1 SET valid_to = :at WHERE membership_id = :id AND valid_to IS NULL")
                .param("at", stored(at)).param("id", membershipId).update();
    }

    void openGroup(UUID groupId, UUID org, Instant at) {
        jdbc.sql("""
                        INSERT INTO read.group_period_v1 (group_id, organization_id, valid_from) VALUES (:group, :org, :at)
                        ON CONFLICT DO NOTHING""")
                .param("group", groupId).param("org", org).param("at", stored(at)).update();
    }

    void closeGroup(UUID groupId, Instant at) {
        jdbc.sql("UPDATE read.group_period_v1 SET valid_to = :at WHERE group_id = :group AND valid_to IS NULL")
                .param("at", stored(at)).param("group", groupId).update();
        jdbc.sql("UPDATE read.group_member_period_v1 SET valid_to = :at WHERE group_id = :group AND valid_to IS NULL")
                .param("at", stored(at)).param("group", groupId).update();
    }

    void openGroupMembers(UUID groupId, UUID org, List<UUID> membershipIds, Instant at) {
        if (membershipIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO read.group_member_period_v1 (group_id, organization_id, membership_id, valid_from)
                        SELECT :group, :org, id, :at FROM (SELECT DISTINCT id FROM unnest(CAST(:ids AS uuid[])) AS u(id)) AS t
                        ON CONFLICT (group_id, membership_id, valid_from) DO UPDATE SET valid_to = NULL""")
                .param("group", groupId).param("org", org).param("at", stored(at))
                .param("ids", membershipIds.toArray(UUID[]::new)).update();
    }

    void closeGroupMembers(UUID groupId, List<UUID> membershipIds, Instant at) {
        if (membershipIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE read.group_member_period_v1 SET valid_to = :at
                        WHERE group_id = :group AND membership_id = ANY (:ids) AND valid_to IS NULL""")
                .param("at", stored(at)).param("group", groupId).param("ids", membershipIds.toArray(UUID[]::new)).update();
    }

    /** The organization's memberships at {@code t}, each with its roles then (read for the organization at once). */
    List<MemberAsOf> membersAsOf(UUID org, Instant t) {
        return jdbc.sql("""
                        SELECT m.membership_id, m.user_id, m.email, m.status, COALESCE(r.role_ids, '{}') AS role_ids
                        FROM (SELECT DISTINCT ON (membership_id) membership_id, user_id, email, status, valid_from
                              FROM read.membership_period_v1
                              WHERE organization_id = :org AND valid_from <= :t AND (valid_to IS NULL OR valid_to > :t)
                                AND (expires_at IS NULL OR expires_at > :t)
                              ORDER BY membership_id, valid_from DESC) m
                        LEFT JOIN (SELECT membership_id, array_agg(DISTINCT role_id ORDER BY role_id) AS role_ids
                                   FROM read.role_period_v1
                                   WHERE organization_id = :org AND valid_from <= :t
                                     AND (valid_to IS NULL OR valid_to > :t)
                                   GROUP BY membership_id) r ON r.membership_id = m.membership_id
                        ORDER BY m.valid_from, m.membership_id""")
                .param("org", org).param("t", asOf(t))
                .query((rs, row) -> new MemberAsOf(rs.getObject("membership_id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("email"), rs.getString("status"), Arrays.asList((UUID[]) rs.getArray("role_ids").getArray())))
                .list();
    }

    /** The group's members at {@code t}; their memberships are read for the organization, not one by one. */
    List<MemberAsOf> groupMembersAsOf(UUID org, UUID groupId, Instant t) {
        return jdbc.sql("""
                        SELECT membership_id, user_id, email, status FROM (
                            SELECT DISTINCT ON (g.membership_id) g.membership_id, m.user_id, m.email, m.status, g.valid_from
                            FROM read.group_member_period_v1 g
                            JOIN read.membership_period_v1 m
                                 ON m.membership_id = g.membership_id AND m.organization_id = :org
                                 AND m.valid_from <= :t AND (m.valid_to IS NULL OR m.valid_to > :t)
                                 AND (m.expires_at IS NULL OR m.expires_at > :t)
                            WHERE g.group_id = :group AND g.organization_id = :org
                              AND g.valid_from <= :t AND (g.valid_to IS NULL OR g.valid_to > :t)
                            ORDER BY g.membership_id, g.valid_from DESC, m.valid_from DESC) held
                        ORDER BY valid_from, membership_id""")
                .param("org", org).param("group", groupId).param("t", asOf(t))
                .query((rs, row) -> new MemberAsOf(rs.getObject("membership_id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("email"), rs.getString("status"), List.of()))
                .list();
    }

    /** Whether the group existed at {@code t}: created by then, and not yet deleted. */
    boolean groupExisted(UUID org, UUID groupId, Instant t) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM read.group_period_v1
                                       WHERE group_id = :group AND organization_id = :org AND valid_from <= :t
                                         AND (valid_to IS NULL OR valid_to > :t))""")
                .param("group", groupId).param("org", org).param("t", asOf(t)).query(Boolean.class).single();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM read.membership_period_v1").update();
        jdbc.sql("DELETE FROM read.role_period_v1").update();
        jdbc.sql("DELETE FROM read.group_member_period_v1").update();
        jdbc.sql("DELETE FROM read.group_period_v1").update();
    }

    /**
     * The instant {@code t} as the database can hold it (microseconds), rounded down: the state "as of" 11:00:00.917999999
     * is that before a change at .918, which the database's own rounding (to .918000) would show.
     */
    private static Timestamp asOf(Instant t) {
        return Timestamp.from(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** Event store timestamps keep milliseconds; live and replayed rows must hold the same instant. */
    private static Timestamp stored(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS));
    }
}
