package dev.membership.api.audit;

import java.util.function.Consumer;

/** Streams every audit entry a query matches, for exports too large for one page. */
public interface AuditLog {

    /** Feeds the sink the matching entries in position order; the query's limit caps how many (0 for no cap). */
    void forEach(FindAuditEntriesQuery query, Consumer<AuditEntry> sink);
}
