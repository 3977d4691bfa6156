package dev.membership.api.audit;

import java.util.UUID;

/**
 * The history of one user (every membership they had in the organization) or one group, answered with an
 * {@link AuditPage}.
 */
public record FindSubjectHistoryQuery(UUID organizationId, UUID subjectId, boolean user, long after, int limit) {
}
