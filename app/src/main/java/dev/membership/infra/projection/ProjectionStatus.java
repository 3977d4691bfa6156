package dev.membership.infra.projection;

import java.time.Instant;

/**
 * A read model's state: its position in the event store (while rebuilding, the replay's), the store's head, and
 * the replay speed. {@code lastRebuild*} describe the most recent rebuild.
 */
public record ProjectionStatus(String name, String state, long position, long total, double eventsPerSecond,
        Instant lastRebuildStartedAt, Instant lastRebuildFinishedAt, Long lastRebuildEvents, String lastError) {
}
