package dev.membership.api.organization;

import java.time.Instant;
import java.util.UUID;

/** An organization as the read side knows it. */
public record OrganizationView(UUID id, String name, Instant createdAt, long memberCount, long invitationCount) {
}
