package dev.membership.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event as the audit log keeps it.
 *
 * @param position       the event's global position in the event store
 * @param organizationId the organization it concerns, or {@code null} for platform events (directory groups)
 * @param subjectIds     the users, memberships and groups it is about
 * @param payload        the event's JSON (the same fields and values as stored; key order may differ)
 */
public record AuditEntry(long position, String eventId, String type, String revision, Instant occurredAt,
        UUID organizationId, String aggregateId, String actorSubject, String actorEmail, List<UUID> subjectIds,
        String correlationId, String causationId, String traceId, String dialect, String route, String userAgent,
        String reason, String payload) {
}
