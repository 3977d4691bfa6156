package dev.membership.query.membership;

import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationPage;
import dev.membership.api.invitation.InvitationView;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.MemberPage;
import dev.membership.api.membership.FindMembershipsQuery;
import dev.membership.api.membership.MemberView;
import dev.membership.api.membership.MembershipPage;
import dev.membership.api.membership.MembershipSort;
import dev.membership.api.membership.MembershipView;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.query.DueInvitations;
import dev.membership.query.PageWindow;
import dev.membership.query.role.RoleRepository;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code read.member_v1} table. Pages in joining order take their ids from their status's index on
 * {@code (organization_id, ordinal)}, one beyond the page to tell whether more follow, then read those rows.
 */
@Repository
class MemberRepository {

    private final JdbcClient jdbc;
    private final RoleRepository roles;

    MemberRepository(JdbcClient jdbc, RoleRepository roles) {
        this.jdbc = jdbc;
        this.roles = roles;
    }

    void upsertAccepted(MemberAddedEvent event, long sequence) {
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, full_name, status,
                                                    role_ids, joined_at, ordinal, last_sequence)
                        VALUES (:org, :id, :userId, :email, :fullName, 'accepted', :roleIds, :joinedAt, :seq, :seq)
                        ON CONFLICT (organization_id, membership_id) DO UPDATE
                        SET status = 'accepted', full_name = EXCLUDED.full_name, role_ids = EXCLUDED.role_ids,
                            joined_at = EXCLUDED.joined_at, last_sequence = EXCLUDED.last_sequence
                        WHERE read.member_v1.last_sequence < EXCLUDED.last_sequence""")
                .param("org", event.organizationId())
                .param("id", event.membershipId())
                .param("userId", event.userId())
                .param("email", event.email())
                .param("fullName", event.fullName())
                .param("roleIds", event.roleIds().toArray(UUID[]::new))
                .param("joinedAt", Timestamp.from(event.joinedAt()))
                .param("seq", sequence)
                .update();
    }

    void upsertPending(UserInvitedEvent event, long sequence) {
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, status, role_ids,
                                                    invited_by_email, invited_at, expires_at, ordinal, last_sequence)
                        VALUES (:org, :id, :userId, :email, 'pending', :roleIds, :invitedBy, :invitedAt, :expiresAt, :seq, :seq)
                        ON CONFLICT (organization_id, membership_id) DO NOTHING""")
                .param("org", event.organizationId())
                .param("id", event.invitationId())
                .param("userId", event.userId())
                .param("email", event.email())
                .param("roleIds", event.roleIds().toArray(UUID[]::new))
                .param("invitedBy", event.invitedByEmail())
                .param("invitedAt", Timestamp.from(event.invitedAt()))
                .param("expiresAt", Timestamp.from(event.expiresAt()))
                .param("seq", sequence)
                .update();
    }

    void accept(InvitationAcceptedEvent event, long sequence) {
        jdbc.sql("""
                        UPDATE read.member_v1
                        SET status = 'accepted', full_name = :fullName, role_ids = :roleIds, joined_at = :joinedAt,
                            last_sequence = :seq
                        WHERE organization_id = :org AND membership_id = :id AND last_sequence < :seq""")
                .param("fullName", event.fullName())
                .param("roleIds", event.roleIds().toArray(UUID[]::new))
                .param("joinedAt", Timestamp.from(event.acceptedAt()))
                .param("seq", sequence)
                .param("org", event.organizationId())
                .param("id", event.invitationId())
                .update();
    }

    void updateRoles(UUID organizationId, UUID membershipId, List<UUID> roleIds, long sequence) {
        jdbc.sql("""
                        UPDATE read.member_v1 SET role_ids = :roleIds, last_sequence = :seq
                        WHERE organization_id = :org AND membership_id = :id AND last_sequence < :seq""")
                .param("roleIds", roleIds.toArray(UUID[]::new))
                .param("seq", sequence)
                .param("org", organizationId)
                .param("id", membershipId)
                .update();
    }

    void route(UUID invitationId, UUID organizationId) {
        jdbc.sql("""
                        INSERT INTO read.invitation_route_v1 (invitation_id, organization_id) VALUES (:id, :org)
                        ON CONFLICT DO NOTHING""")
                .param("id", invitationId).param("org", organizationId).update();
    }

    Optional<UUID> routeOf(UUID invitationId) {
        return jdbc.sql("SELECT organization_id FROM read.invitation_route_v1 WHERE invitation_id = :id")
                .param("id", invitationId).query(UUID.class).optional();
    }

    void delete(UUID organizationId, UUID membershipId) {
        jdbc.sql("DELETE FROM read.member_v1 WHERE organization_id = :org AND membership_id = :id")
                .param("org", organizationId)
                .param("id", membershipId)
                .update();
    }

    /** The unexpired pending invitations among some ids, read by their keys: takes {@code :org} and {@code :ids}. */
    static final String PENDING_INVITATIONS = """
            SELECT membership_id, user_id, email, invited_by_email, invited_at, expires_at, role_ids
            FROM read.member_v1
            WHERE organization_id = :org AND membership_id = ANY (:ids) AND status = 'pending' AND expires_at > now()""";

    /** The pending invitations among the ids, in one statement however many there are. */
    List<InvitationView> pending(UUID organizationId, Set<UUID> invitationIds) {
        if (invitationIds.isEmpty()) {
            return List.of();
        }
        RoleCatalogue catalogue = roles.catalogue(organizationId);
        return jdbc.sql(PENDING_INVITATIONS)
                .param("org", organizationId)
                .param("ids", invitationIds.toArray(UUID[]::new))
                .query((rs, row) -> invitation(organizationId, rs, catalogue))
                .list();
    }

    MemberPage acceptedPage(UUID organizationId, int offset, int limit) {
        RoleCatalogue catalogue = roles.catalogue(organizationId);
        List<MemberView> rows = jdbc.sql(inJoiningOrder("m.membership_id, m.user_id, m.email, m.full_name, m.role_ids, m.joined_at",
                        listed("accepted"), counting("accepted", true), offset, limit + 1))
                .param("org", organizationId)
                .param("offset", offset)
                .param("limit", limit + 1)
                .query((rs, row) -> new MemberView(rs.getObject("membership_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("full_name"),
                        catalogue.resolve(uuids(rs.getArray("role_ids"))), rs.getTimestamp("joined_at").toInstant()))
                .list();
        return new MemberPage(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
    }

    /** Pending invitations that have not expired yet (the expiry sweep may not have run). */
    InvitationPage pendingPage(UUID organizationId, int offset, int limit) {
        RoleCatalogue catalogue = roles.catalogue(organizationId);
        List<InvitationView> rows = jdbc.sql(inJoiningOrder(
                        "m.membership_id, m.user_id, m.email, m.invited_by_email, m.invited_at, m.expires_at, m.role_ids",
                        listed("pending"), counting("pending", true), offset, limit + 1))
                .param("org", organizationId)
                .param("offset", offset)
                .param("limit", limit + 1)
                .query((rs, row) -> invitation(organizationId, rs, catalogue))
                .list();
        return new InvitationPage(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
    }

    private static InvitationView invitation(UUID organizationId, ResultSet rs, RoleCatalogue catalogue)
            throws SQLException {
        return new InvitationView(organizationId, rs.getObject("membership_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("invited_by_email"),
                "Pending", rs.getTimestamp("invited_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                catalogue.resolve(uuids(rs.getArray("role_ids"))));
    }

    /**
     * A page of an organization's memberships that match {@code filter}, in joining order: the page's ids are read
     * from the filtered status's index alone (an offset then skips index entries, not rows), then the {@code columns}
     * of that page's rows only. Takes {@code :org}, and {@code :offset} and {@code :limit} past the first page.
     */
    static String inJoiningOrder(String columns, String filter, String count, int offset, int limit) {
        return idsFirst(columns, filter, "ordinal, membership_id", count, offset, limit);
    }

    /**
     * A page of an organization's memberships that match {@code filter}, in {@code order}: the page's ids first, in
     * order (from an index alone where one gives the order and holds what the filter reads), then the {@code columns}
     * of that page's rows only. Past the middle of the list, the ids are read from its end when {@code count} counts
     * what the filter lists ({@link PageWindow#idsFromNearerEnd}; null reads from the start). Takes {@code :org}, and
     * {@code :offset} and {@code :limit} past the first page ({@link PageWindow}).
     */
    static String idsFirst(String columns, String filter, String order, String count, int offset, int limit) {
        String ids = "SELECT membership_id FROM read.member_v1 WHERE organization_id = :org AND " + filter;
        return """
                SELECT %s
                FROM unnest(%s) WITH ORDINALITY AS p(membership_id, n)
                JOIN read.member_v1 m ON m.organization_id = :org AND m.membership_id = p.membership_id
                ORDER BY %s""".formatted(columns, PageWindow.idsFromNearerEnd(ids, order, count, offset, limit),
                PageWindow.positions("p.n", count, offset));
    }

    /**
     * How many memberships a list with {@code status} (null for both) shows, from the organization's kept counts,
     * which its read model writes in the same transactions as this one: with {@code due}, the list leaves out the
     * invitations past their time ({@link #listed}), and without, lists every row of its status
     * ({@link #listedWhileNoneDue}). Null for a status no kept count follows. Takes {@code :org}.
     */
    static String counting(String status, boolean due) {
        String members = "o.member_count";
        String invitations = due ? "o.invitation_count - (" + DueInvitations.COUNT + ")" : "o.invitation_count";
        String count = status == null ? members + " + " + invitations : switch (status) {
            case "accepted" -> members;
            case "pending" -> invitations;
            default -> null;
        };
        return count == null ? null : "SELECT " + count + " FROM read.organization_v1 o WHERE o.organization_id = :org";
    }

    /**
     * What a list of memberships with {@code status} (null for both) shows: accepted members and invitations that have
     * not expired. A listed status is named in the text, not bound, so that the plan can use that status's own index.
     */
    static String listed(String status) {
        if (status == null) {
            return "(status = 'accepted' OR expires_at > now())";
        }
        return switch (status) {
            case "accepted" -> "status = 'accepted'";
            case "pending" -> "status = 'pending' AND expires_at > now()";
            default -> "status = :status AND (status = 'accepted' OR expires_at > now())";
        };
    }

    /**
     * What a list of memberships with {@code status} (null for both) shows while none of the organization's pending
     * invitations is past its time: every row of that status, as the expiry sweep deletes the others. An offset then
     * walks index entries without checking a condition on each of them (a fifth of the walk's time).
     */
    static String listedWhileNoneDue(String status) {
        if (status == null) {
            return "TRUE";
        }
        return switch (status) {
            case "accepted" -> "status = 'accepted'";
            case "pending" -> "status = 'pending'";
            default -> listed(status);
        };
    }

    /**
     * The organization's kept counts, whose read model is written in the same transactions as this one, and how many
     * of its pending invitations are past their time but not yet ended by the expiry sweep, found by their own index
     * (V19; usually none; the last clause names that index's condition, which no list states). Counting the pending
     * entries themselves walked every one of them for each page.
     */
    static final String COUNTS = "SELECT o.member_count, o.invitation_count, (" + DueInvitations.COUNT + ") AS due"
            + " FROM read.organization_v1 o WHERE o.organization_id = :org";

    private record Counts(long members, long invitations, long due) {

        static final Counts NONE = new Counts(0, 0, 0);
    }

    /** How many memberships a list with {@code status} (null for both) shows. */
    private long total(UUID organizationId, String status, Counts counts) {
        if (status == null) {
            return counts.members() + counts.invitations() - counts.due();
        }
        return switch (status) {
            case "accepted" -> counts.members();
            case "pending" -> counts.invitations() - counts.due();
            default -> jdbc.sql("SELECT count(*) FROM read.member_v1 WHERE organization_id = :org AND " + listed(status))
                    .param("org", organizationId)
                    .param("status", status)
                    .query(Long.class).single();
        };
    }

    /**
     * The order of a list of memberships, ties broken by id in the same direction, so that an index read backwards
     * gives the descending email and joining orders.
     */
    static String order(MembershipSort sort, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        return switch (sort) {
            case EMAIL -> "email_key" + direction;
            case FULL_NAME -> "lower(COALESCE(full_name, email))" + direction;
            // the name after its first space, as a first and last name are told apart; one word, no last name
            case LAST_NAME -> "lower(substring(btrim(full_name) from ' +(.*)$'))" + direction
                    + ", lower(COALESCE(full_name, email))" + direction;
            case STATUS -> "status" + direction + ", email_key";
            case JOINED -> "ordinal" + direction;
        } + ", membership_id" + direction;
    }

    /**
     * Whether the organization exists and, if the email is an accepted member's, their membership and permissions: one
     * statement, the permissions from the organization's catalogue.
     */
    CallerAccess access(UUID organizationId, String email) {
        return jdbc.sql("""
                        SELECT m.membership_id, m.role_ids FROM read.organization_v1 o
                        LEFT JOIN read.member_v1 m
                               ON m.organization_id = o.organization_id AND m.email = :email AND m.status = 'accepted'
                        WHERE o.organization_id = :org""")
                .param("org", organizationId)
                .param("email", email, Types.VARCHAR)
                .query((rs, row) -> new Caller(rs.getObject("membership_id", UUID.class),
                        rs.getArray("role_ids") == null ? List.<UUID>of() : uuids(rs.getArray("role_ids"))))
                .optional()
                .map(caller -> {
                    if (caller.membershipId() == null) {
                        return new CallerAccess(true, null, Set.of());
                    }
                    Set<String> permissions = new HashSet<>();
                    roles.catalogue(organizationId).resolve(caller.roleIds())
                            .forEach(role -> permissions.addAll(role.permissions()));
                    return new CallerAccess(true, caller.membershipId(), permissions);
                })
                .orElseGet(() -> new CallerAccess(false, null, Set.of()));
    }

    private record Caller(UUID membershipId, List<UUID> roleIds) {
    }

    /**
     * A page of an organization's memberships and their total. The first statement reads the counts and whether any
     * invitation is past its time (while none is, the page lists every row of the status); the page's statement
     * reads the counts again, so that a write between the two does not leave the total apart from the page (read on
     * one snapshot instead, these pages cost a fifth more; BENCHMARKS.md, change 67).
     */
    MembershipPage memberships(FindMembershipsQuery query) {
        RoleCatalogue catalogue = roles.catalogue(query.organizationId());
        Counts counts = jdbc.sql(COUNTS)
                .param("org", query.organizationId())
                .query((rs, row) -> new Counts(rs.getLong("member_count"), rs.getLong("invitation_count"), rs.getLong("due")))
                .optional().orElse(Counts.NONE);
        String filter = counts.due() == 0 ? listedWhileNoneDue(query.status()) : listed(query.status());
        // the page's statement reads the organization's kept counts again, so that the total and the page describe
        // one state: with none due, the page lists every row of its status and none is subtracted; with some due, it
        // leaves out those due at its own now(), and counts them then. An empty first page counts none, and a page
        // past the end, with no row to carry them, is counted by the first statement
        boolean due = counts.due() > 0;
        Counts[] kept = {null};
        List<MembershipView> items = jdbc.sql(idsFirst(MEMBERSHIP_COLUMNS + KEPT_COUNTS + (due ? KEPT_DUE : ""), filter,
                        order(query.sort(), query.descending()), counting(query.status(), due), query.offset(), query.limit()))
                .param("org", query.organizationId())
                .param("status", query.status(), Types.VARCHAR)
                .param("offset", query.offset())
                .param("limit", query.limit())
                .query((rs, row) -> {
                    kept[0] = new Counts(rs.getLong("kept_members"), rs.getLong("kept_invitations"),
                            due ? rs.getLong("kept_due") : 0);
                    return membership(rs, catalogue);
                })
                .list();
        if (items.isEmpty() && query.offset() == 0) {
            return new MembershipPage(items, 0);
        }
        return new MembershipPage(items, total(query.organizationId(), query.status(), kept[0] == null ? counts : kept[0]));
    }

    /** The organization's kept counts, read once by a page's statement (PostgreSQL runs each subquery once). */
    private static final String KEPT_COUNTS =
            ", (SELECT o.member_count FROM read.organization_v1 o WHERE o.organization_id = :org) AS kept_members"
            + ", (SELECT o.invitation_count FROM read.organization_v1 o WHERE o.organization_id = :org) AS kept_invitations";

    /** The invitations whose time is up, not yet ended by the sweep, counted by the page's statement too. */
    private static final String KEPT_DUE = ", (" + DueInvitations.COUNT + ") AS kept_due";

    Optional<MembershipView> membership(UUID organizationId, UUID membershipId) {
        RoleCatalogue catalogue = roles.catalogue(organizationId);
        return jdbc.sql("SELECT " + MEMBERSHIP_COLUMNS + " FROM read.member_v1 m"
                        + " WHERE organization_id = :org AND membership_id = :id"
                        + " AND (status = 'accepted' OR expires_at > now())")
                .param("org", organizationId)
                .param("id", membershipId)
                .query((rs, row) -> membership(rs, catalogue))
                .optional();
    }

    private static final String MEMBERSHIP_COLUMNS =
            "m.membership_id, m.user_id, m.email, m.full_name, m.status, m.role_ids, COALESCE(m.joined_at, m.invited_at) AS since";

    private static MembershipView membership(ResultSet rs, RoleCatalogue catalogue) throws SQLException {
        return new MembershipView(rs.getObject("membership_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("email"), rs.getString("full_name"), rs.getString("status"),
                catalogue.resolve(uuids(rs.getArray("role_ids"))), rs.getTimestamp("since").toInstant());
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM read.member_v1").update();
        jdbc.sql("DELETE FROM read.invitation_route_v1").update();
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.asList((UUID[]) array.getArray());
    }
}
