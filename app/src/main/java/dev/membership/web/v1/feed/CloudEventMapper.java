package dev.membership.web.v1.feed;

import dev.membership.api.audit.AuditEntry;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * One stored event as a CloudEvent 1.0 in structured JSON: {@code id} is the event id, {@code type}
 * {@code dev.membership.<EventType>}, {@code source} the organization (or the directory), {@code data} the event's
 * JSON as stored; the extension {@code position} is its global position.
 */
@Component
class CloudEventMapper {

    static final String TYPE_PREFIX = "dev.membership.";
    private final EventFormat format = new JsonFormat();

    byte[] toJson(AuditEntry entry) {
        return format.serialize(toCloudEvent(entry));
    }

    String toJsonText(AuditEntry entry) {
        return new String(toJson(entry), StandardCharsets.UTF_8);
    }

    CloudEvent toCloudEvent(AuditEntry entry) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(entry.eventId())
                .withType(TYPE_PREFIX + entry.type())
                .withSource(URI.create(entry.organizationId() == null ? "/directory" : "/organizations/" + entry.organizationId()))
                .withTime(entry.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(entry.payload().getBytes(StandardCharsets.UTF_8))
                .withExtension("position", entry.position());
        if (!entry.subjectIds().isEmpty()) {
            builder.withSubject(entry.subjectIds().get(0).toString());
        }
        if (entry.revision() != null) {
            builder.withExtension("revision", entry.revision());
        }
        if (entry.correlationId() != null) {
            builder.withExtension("correlationid", entry.correlationId());
        }
        if (entry.causationId() != null) {
            builder.withExtension("causationid", entry.causationId());
        }
        return builder.build();
    }
}
