package dev.membership.web.v1.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.membership.api.audit.AuditEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An audit entry on the wire: the event's facts, who did it, through which route, and its payload as stored. */
@JsonPropertyOrder({"position", "eventId", "type", "revision", "occurredAt", "organizationId", "actor", "subjects",
        "correlationId", "causationId", "traceId", "dialect", "route", "userAgent", "reason", "payload"})
record AuditView(long position, String eventId, String type, String revision, Instant occurredAt, UUID organizationId,
        Actor actor, List<UUID> subjects, String correlationId, String causationId, String traceId, String dialect,
        String route, String userAgent, String reason, @JsonRawValue String payload) {

    @Schema(name = "AuditActor")
    record Actor(String subject, String email) {
    }

    static AuditView of(AuditEntry entry) {
        return new AuditView(entry.position(), entry.eventId(), entry.type(), entry.revision(), entry.occurredAt(),
                entry.organizationId(), new Actor(entry.actorSubject(), entry.actorEmail()), entry.subjectIds(),
                entry.correlationId(), entry.causationId(), entry.traceId(), entry.dialect(), entry.route(),
                entry.userAgent(), entry.reason(), entry.payload());
    }

    @Schema(name = "AuditLogPage")
    record Page(List<AuditView> items, Long next) {
    }
}
