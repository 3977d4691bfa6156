package dev.membership.api.audit;

import java.util.List;

/** A page of audit entries, and the cursor to pass as {@code after} for the next one ({@code null} at the end). */
public record AuditPage(List<AuditEntry> items, Long next) {
}
