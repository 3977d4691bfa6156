package dev.membership.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Audit entries in position order after a cursor, answered with an {@link AuditPage}. Every filter is optional.
 *
 * @param organizationId only this organization's events, or {@code null} for every event (platform admins)
 * @param after          only positions greater than this
 * @param actor          only events whose actor's subject or email is this
 * @param subjects       only events about one of these users, memberships or groups
 * @param type           only events of this type (simple name, such as {@code UserInvitedEvent})
 * @param from           only events at or after this instant
 * @param to             only events before this instant
 * @param maxBytes       the page ends once its entries hold this many bytes (its first entry is always taken), or
 *                       sooner at the service's own page budget; {@code 0} for that budget alone
 */
public record FindAuditEntriesQuery(UUID organizationId, long after, int limit, String actor, List<UUID> subjects,
        String type, Instant from, Instant to, long maxBytes) {

    public FindAuditEntriesQuery {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    public FindAuditEntriesQuery(UUID organizationId, long after, int limit, String actor, List<UUID> subjects,
            String type, Instant from, Instant to) {
        this(organizationId, after, limit, actor, subjects, type, from, to, 0);
    }

    public static FindAuditEntriesQuery all(UUID organizationId, long after, int limit) {
        return new FindAuditEntriesQuery(organizationId, after, limit, null, List.of(), null, null, null);
    }

    /** The same query from a later cursor. */
    public FindAuditEntriesQuery withAfter(long position) {
        return new FindAuditEntriesQuery(organizationId, position, limit, actor, subjects, type, from, to, maxBytes);
    }

    /** The same query, its page ending once it holds {@code bytes}. */
    public FindAuditEntriesQuery withMaxBytes(long bytes) {
        return new FindAuditEntriesQuery(organizationId, after, limit, actor, subjects, type, from, to, bytes);
    }
}
