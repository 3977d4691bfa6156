package dev.membership.query.audit;

import dev.membership.api.audit.AuditEntry;
import dev.membership.api.audit.AuditLog;
import dev.membership.api.audit.AuditPage;
import dev.membership.api.audit.FindAuditEntriesQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code read.audit_v1} table and its watermark; readers only see positions at or below the watermark. */
@Repository
class AuditRepository implements AuditLog {

    /** The PostgreSQL channel notified, at commit, when the watermark rises. */
    static final String WATERMARK_CHANNEL = "membership_audit_watermark";

    /**
     * Rows per fetch of an export's cursor. An entry can be large (a replacement of 10,000 group members carries their
     * ids twice, some 0.8 MB), so a fetch holds at most some tens of MB whatever the entries.
     */
    private static final int STREAM_FETCH_SIZE = 50;

    record Row(long position, String eventId, String type, String revision, Instant occurredAt, UUID organizationId,
            String aggregateId, String actorSubject, String actorEmail, List<UUID> subjectIds, String payload,
            String metadata) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate readOnly;
    private final long pageBytes;
    private final int scanEntries;
    private final Duration timeOrderMargin;

    /**
     * @param pageBytes a page takes entries while their payloads and subject ids come to at most this (and its first
     *     entry always, whatever its size); a page cut short by it names its next position as any other does
     * @param scanEntries a page filtered by actor, type or time looks at most this many entries of the log after
     *     its cursor; when they end before its limit is reached, it names the last of them as its next position
     * @param timeOrderMargin how far an entry's time may lie before that of an entry logged ahead of it (the nodes'
     *     clocks apart, and a command batch's time from its events' stamps to their append: two writers' batches
     *     interleave); a page filtered by {@code from} skips the entries older than it by more, one filtered by
     *     {@code to} ends where they are younger than it by this or more. At least a minute, at most a day
     */
    AuditRepository(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions,
            @Value("${membership.audit.page-bytes:8388608}") long pageBytes,
            @Value("${membership.audit.scan-entries:100000}") int scanEntries,
            @Value("${membership.audit.time-order-margin:PT10M}") Duration timeOrderMargin) {
        this.jdbc = jdbc;
        this.pageBytes = pageBytes;
        if (pageBytes < 1 || scanEntries < 1) {
            throw new IllegalArgumentException("membership.audit.page-bytes and membership.audit.scan-entries must be at least 1");
        }
        if (timeOrderMargin.compareTo(Duration.ofMinutes(1)) < 0 || timeOrderMargin.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("membership.audit.time-order-margin must be between one minute and one day");
        }
        this.scanEntries = scanEntries;
        this.timeOrderMargin = timeOrderMargin;
        JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
        streaming.setFetchSize(STREAM_FETCH_SIZE);
        this.named = new NamedParameterJdbcTemplate(streaming);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    void insert(Row row) {
        jdbc.sql("""
                        INSERT INTO read.audit_v1 (position, event_id, type, revision, occurred_at, organization_id, aggregate_id,
                                                   actor_subject, actor_email, subject_ids, payload, metadata)
                        VALUES (:position, :eventId, :type, :revision, :occurredAt, :org, :aggregateId, :actorSubject,
                                :actorEmail, :subjects, CAST(:payload AS json), CAST(:metadata AS jsonb))
                        ON CONFLICT (position) DO NOTHING""")
                .param("position", row.position())
                .param("eventId", row.eventId())
                .param("type", row.type())
                .param("revision", row.revision(), Types.VARCHAR)
                .param("occurredAt", Timestamp.from(row.occurredAt()))
                .param("org", row.organizationId(), Types.OTHER)
                .param("aggregateId", row.aggregateId(), Types.VARCHAR)
                .param("actorSubject", row.actorSubject(), Types.VARCHAR)
                .param("actorEmail", row.actorEmail(), Types.VARCHAR)
                .param("subjects", row.subjectIds().toArray(UUID[]::new))
                .param("payload", row.payload())
                .param("metadata", row.metadata())
                .update();
    }

    /**
     * Whether the gap at position {@code g} may still fill: the event stored next after it was stored less than the
     * grace ago, both by the database's clock. A write takes its position only once it holds its read models' locks,
     * and from then on the database ends it within the commands' transaction timeout, which is at most half the grace
     * (checked at start): by then the transaction that took {@code g}, which took it before that next event's, has
     * committed or is gone. Events stored before the store kept that time count as long stored. A gap whose event is
     * in the store by now (committed after the processor read past it; the processor is behind) is not dead either:
     * the processor will log it. The sweep also passes gaps whose takers are known to have ended ({@link
     * #passDeadGaps}).
     */
    private static final String MAY_STILL_FILL = """
            ((SELECT COALESCE(e.stored_at, '-infinity') FROM domain_event_entry e WHERE e.global_index > g
              ORDER BY e.global_index LIMIT 1) > clock_timestamp() - :graceMillis * interval '1 millisecond'
             OR EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = g))""";

    /**
     * Raises the watermark to {@code index}, or to just below the first gap that may still fill: one followed by an
     * event stored less than {@code grace} ago, or whose own event is in the store by now.
     */
    void raiseWatermark(long index, java.util.SortedSet<Long> gaps, java.time.Duration grace) {
        long position = index;
        if (!gaps.isEmpty()) {
            // no row when every gap is dead: the watermark passes them all
            java.util.Optional<Long> live = jdbc.sql("""
                            SELECT g FROM unnest(CAST(:gaps AS bigint[])) AS g
                            WHERE %s
                            ORDER BY g LIMIT 1""".formatted(MAY_STILL_FILL))
                    .param("gaps", gaps.toArray(Long[]::new))
                    .param("graceMillis", grace.toMillis())
                    .query(Long.class).optional();
            if (live.isPresent()) {
                position = live.get() - 1;
            }
        }
        // one notification per transaction however many events it logs: PostgreSQL folds equal ones
        jdbc.sql("""
                        WITH raised AS (
                            UPDATE read.audit_watermark_v1 SET position = :position
                            WHERE id = 1 AND position < :position RETURNING position)
                        SELECT pg_notify('%s', '') FROM raised""".formatted(WATERMARK_CHANNEL))
                .param("position", position).query().listOfRows();
    }

    /**
     * Lowers the watermark to the last logged position when it stands above it, which no writer of the service
     * leaves (a watermark is an event's position or below it) but a database restored in parts, or edited, can: the
     * feed would then serve positions whose events may still commit, and no rise of the watermark would wake it.
     * Answers the position it stood at, or {@code -1} when it was not above the log.
     */
    long lowerWatermarkToTheLog() {
        return jdbc.sql("""
                        WITH was AS (SELECT position FROM read.audit_watermark_v1 WHERE id = 1),
                             head AS (SELECT COALESCE(max(position), 0) AS position FROM read.audit_v1)
                        UPDATE read.audit_watermark_v1 w SET position = head.position FROM head, was
                        WHERE w.id = 1 AND w.position > head.position
                        RETURNING was.position""")
                .query(Long.class).optional().orElse(-1L);
    }

    /** The highest position in the audit log; every event up to it that is logged was committed before this read. */
    long loggedHead() {
        return jdbc.sql("SELECT COALESCE(max(position), 0) FROM read.audit_v1").query(Long.class).single();
    }

    /**
     * A transaction id taken now, in a transaction of its own that ends at once (not in a caller's transaction): every
     * transaction that had its id before this call has an id below it.
     */
    String fence() {
        return jdbc.sql("SELECT pg_current_xact_id()::text").query(String.class).single();
    }

    /**
     * Raises the watermark over the positions above it that hold no audit row, up to {@code high}, to the first one
     * that may still be filled: an event already in the store (the processor has yet to log it), or a gap followed by
     * an event stored less than {@code grace} ago whose taker may still be running. Looks at most 10,000 positions
     * ahead.
     *
     * <p>A gap's taker has ended once no transaction with an id below {@code fence} is running (the snapshot's
     * {@code xmin} is at or above it): a position is taken only by a transaction that already has its id (the
     * column's default, migration V21); the gaps judged lie below {@code high}, whose event was committed before
     * {@code high} was read ({@link #loggedHead}), and {@code fence} was taken after that ({@link #fence}), so the
     * taker's id is below it. The gap's position is read in the same statement, by the same snapshot: a taker gone
     * that stored nothing leaves a gap that will never fill. So a write the database refused (a second organization
     * with an existing id) holds the audit log and the feed until the next sweep, not for the whole grace.
     */
    void passDeadGaps(java.time.Duration grace, long high, String fence) {
        // a rebuild of the audit log holds this lock exclusively (the app's ProjectionLocks): wait for it to finish
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtext('projection:audit'))").query().singleRow();
        jdbc.sql("""
                        WITH bounds AS (
                            SELECT w.position AS low,
                                   LEAST(CAST(:high AS bigint), (SELECT max(position) FROM read.audit_v1),
                                         w.position + 10000) AS high
                            FROM read.audit_watermark_v1 w WHERE w.id = 1),
                        held AS (
                            SELECT min(g) AS g FROM bounds, generate_series(bounds.low + 1, bounds.high) AS g
                            WHERE NOT EXISTS (SELECT 1 FROM read.audit_v1 a WHERE a.position = g)
                              AND (EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = g)
                                   OR (%s AND pg_snapshot_xmin(pg_current_snapshot()) < CAST(:fence AS xid8)))),
                        target AS (
                            SELECT COALESCE((SELECT g - 1 FROM held), (SELECT high FROM bounds)) AS position
                            WHERE (SELECT high FROM bounds) IS NOT NULL),
                        raised AS (
                            UPDATE read.audit_watermark_v1 w SET position = target.position FROM target
                            WHERE w.id = 1 AND w.position < target.position RETURNING w.position)
                        SELECT pg_notify('%s', '') FROM raised""".formatted(MAY_STILL_FILL, WATERMARK_CHANNEL))
                .param("graceMillis", grace.toMillis())
                .param("high", high)
                .param("fence", fence)
                .query().listOfRows();
    }

    /** The event's global position in the event store. */
    java.util.Optional<Long> positionOf(String eventId) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = :id")
                .param("id", eventId).query(Long.class).optional();
    }

    long watermark() {
        return jdbc.sql("SELECT position FROM read.audit_watermark_v1 WHERE id = 1").query(Long.class).single();
    }

    /** Every membership id a user had in the organization, and the user id itself. */
    List<UUID> membershipsOf(UUID organizationId, UUID userId) {
        // the id must be the event's user: a group's or a membership's id names no user
        return jdbc.sql("""
                        SELECT DISTINCT s FROM read.audit_v1 a, unnest(a.subject_ids) s
                        WHERE a.organization_id = :org AND a.subject_ids @> ARRAY[CAST(:user AS uuid)]
                          AND a.type IN ('MemberAddedEvent', 'UserInvitedEvent') AND a.payload->>'userId' = :userText""")
                .param("org", organizationId).param("user", userId).param("userText", userId.toString())
                .query(UUID.class).list();
    }

    /** Whether the organization's log holds the creation of this group (a user's or a membership's id is none). */
    boolean isGroup(UUID organizationId, UUID groupId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM read.audit_v1 a
                        WHERE a.organization_id = :org AND a.subject_ids @> ARRAY[CAST(:group AS uuid)]
                          AND a.type = 'GroupCreatedEvent' AND a.payload->>'groupId' = :groupText)""")
                .param("org", organizationId).param("group", groupId).param("groupText", groupId.toString())
                .query(Boolean.class).single();
    }

    /**
     * One page: at most {@code limit} entries, taken while the page holds at most {@code pageBytes} (or the query's
     * smaller {@code maxBytes}), and its first entry whatever its size. PostgreSQL reads the page's entries and sends on only those within the
     * budget, with how many it found. A filter on actor, type or time is checked entry by entry along the log, so
     * such a page looks at {@code scanEntries} entries at most: it may hold fewer than its limit, even none, and
     * still name a next position, past the entries it looked at. A page filtered by {@code from} first skips, without
     * looking at them, entries after its cursor that occurred more than the margin before it, up to one such entry
     * followed by one that did not; a short page filtered by {@code to} has no next position when the last entry it looked at occurred at
     * or after {@code to} plus the margin.
     */
    AuditPage page(FindAuditEntriesQuery asked) {
        // a bounded page and the end of its stretch are judged against one watermark, read once
        Long watermark = filtersAlongTheLog(asked) ? watermark() : null;
        FindAuditEntriesQuery query = watermark == null || asked.from() == null ? asked
                : asked.withAfter(startOfTime(asked, watermark));
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = """
                SELECT sized.* FROM (
                    SELECT found.*, size.entry_bytes, sum(size.entry_bytes) OVER (ORDER BY found.position) AS bytes_through,
                           count(*) OVER () AS found_count
                    FROM (%s) found,
                         LATERAL (SELECT octet_length(found.payload)
                                         + 36 * COALESCE(cardinality(found.subject_ids), 0) AS entry_bytes) size) sized
                WHERE sized.bytes_through <= :budget OR sized.bytes_through = sized.entry_bytes
                ORDER BY sized.position""".formatted(select(query, params, " LIMIT :limit", watermark));
        params.put("limit", query.limit() + 1);
        params.put("budget", query.maxBytes() > 0 ? Math.min(query.maxBytes(), pageBytes) : pageBytes);
        long[] found = {0};
        List<AuditEntry> rows = jdbc.sql(sql).params(params).query((rs, row) -> {
            found[0] = rs.getLong("found_count");
            return entry(rs);
        }).list();
        List<AuditEntry> items = rows.subList(0, Math.min(query.limit(), rows.size()));
        boolean more = found[0] > items.size();
        if (more) {
            return new AuditPage(List.copyOf(items), items.get(items.size() - 1).position());
        }
        // a short page looked at its whole stretch: the next page starts after it, unless the log ended first
        return new AuditPage(List.copyOf(items), watermark == null ? null : scanEnd(query, watermark));
    }

    /**
     * A cursor for a page filtered by {@code from}: the query's own, or a later position whose entry occurred more
     * than the margin before {@code from}, followed by one that did not (or by none). Entries are logged in the order
     * of their times within the margin, so every entry up to that position occurred before {@code from}: none of those
     * skipped can match. Found by halving the positions between the first such entry and the watermark, one look-up
     * in the log's index each (the logarithm of that span of global positions: some 40 at most); a cursor already
     * followed by an entry young enough costs one.
     */
    private long startOfTime(FindAuditEntriesQuery query, long watermark) {
        Timestamp tooOld = Timestamp.from(query.from().minus(timeOrderMargin));
        Long first = firstTooOldAfter(query, query.after(), watermark, tooOld);
        if (first == null) {
            return query.after();
        }
        // low is a too old entry (none up to it can match); the first entry after high is not too old, or there is
        // none; they meet at the last too old entry before one that is not
        long low = first;
        long high = watermark;
        while (low < high) {
            long middle = low + (high - low) / 2;
            Long found = firstTooOldAfter(query, middle, watermark, tooOld);
            if (found != null) {
                low = found;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The position of the first entry after {@code position}, when it occurred before {@code tooOld}. */
    private Long firstTooOldAfter(FindAuditEntriesQuery query, long position, long watermark, Timestamp tooOld) {
        return jdbc.sql("SELECT position FROM (" + stretch(query) + ") first WHERE occurred_at < :tooOld")
                .param("org", query.organizationId()).param("after", position).param("watermark", watermark)
                .param("scan", 1).param("tooOld", tooOld)
                .query(Long.class).optional().orElse(null);
    }

    private static boolean filtersAlongTheLog(FindAuditEntriesQuery query) {
        return query.subjects().isEmpty()
                && (query.actor() != null || query.type() != null || query.from() != null || query.to() != null);
    }

    /**
     * The position of the last entry a filtered page looks at, {@code scanEntries} after its cursor, or {@code null}
     * when fewer are left below the watermark, or when that entry occurred at or after the query's {@code to} plus
     * the margin (no entry after it can match).
     */
    private Long scanEnd(FindAuditEntriesQuery query, long watermark) {
        record End(long position, Instant occurredAt) {
        }
        return jdbc.sql("SELECT position, occurred_at FROM (" + stretch(query) + ") stretch ORDER BY position OFFSET :skip LIMIT 1")
                .param("org", query.organizationId()).param("after", query.after()).param("watermark", watermark)
                .param("scan", scanEntries).param("skip", scanEntries - 1)
                .query((rs, row) -> new End(rs.getLong("position"), rs.getTimestamp("occurred_at").toInstant()))
                .optional()
                .filter(end -> query.to() == null || end.occurredAt().isBefore(query.to().plus(timeOrderMargin)))
                .map(End::position).orElse(null);
    }

    /** The entries a filtered page looks at: {@code scanEntries} after its cursor, below the watermark. */
    private static String stretch(FindAuditEntriesQuery query) {
        return """
                SELECT * FROM read.audit_v1
                WHERE %sposition > :after AND position <= :watermark ORDER BY position LIMIT :scan"""
                .formatted(query.organizationId() == null ? "" : "organization_id = :org AND ");
    }

    @Override
    public void forEach(FindAuditEntriesQuery query, Consumer<AuditEntry> sink) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = select(query, params, query.limit() > 0 ? " LIMIT " + query.limit() : "", null);
        // a cursor needs a transaction; the fetch size keeps memory flat however many rows match
        readOnly.executeWithoutResult(status -> named.query(sql, params, rs -> {
            sink.accept(entry(rs));
        }));
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM read.audit_v1").update();
        jdbc.sql("UPDATE read.audit_watermark_v1 SET position = 0 WHERE id = 1").update();
    }

    /**
     * The entries {@code query} asks for, in order of position, at most as many as {@code limit} says. With a
     * {@code watermark}, only within the stretch of {@code scanEntries} entries after the cursor below it, which
     * PostgreSQL reads lazily: a page that fills early reads no further.
     */
    String select(FindAuditEntriesQuery query, Map<String, Object> params, String limit, Long watermark) {
        StringBuilder where = new StringBuilder(
                "WHERE a.position > :after AND a.position <= (SELECT position FROM read.audit_watermark_v1 WHERE id = 1)");
        params.put("after", query.after());
        String from = "FROM read.audit_v1 a\n";
        if (watermark != null) {
            from = "FROM (" + stretch(query) + ") a\n";
            params.put("watermark", watermark);
            params.put("scan", scanEntries);
        }
        if (query.organizationId() != null) {
            where.append(" AND a.organization_id = :org");
            params.put("org", query.organizationId());
        }
        if (query.actor() != null) {
            where.append(" AND (a.actor_subject = :actor OR a.actor_email = lower(:actor))");
            params.put("actor", query.actor());
        }
        if (query.type() != null) {
            where.append(" AND a.type = :type");
            params.put("type", query.type());
        }
        if (query.from() != null) {
            where.append(" AND a.occurred_at >= :from");
            params.put("from", roundedUp(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND a.occurred_at < :to");
            params.put("to", roundedUp(query.to()));
        }
        String columns = """
                SELECT a.position, a.event_id, a.type, a.revision, a.occurred_at, a.organization_id, a.aggregate_id,
                       a.actor_subject, a.actor_email, a.subject_ids, a.payload::text AS payload,
                       a.metadata ->> 'correlationId' AS correlation_id, a.metadata ->> 'causationId' AS causation_id,
                       a.metadata ->> 'traceId' AS trace_id, a.metadata ->> 'dialect' AS dialect,
                       a.metadata ->> 'route' AS route, a.metadata ->> 'userAgent' AS user_agent,
                       a.metadata ->> 'auditReason' AS reason
                """ + from;
        if (query.subjects().isEmpty()) {
            return columns + where + " ORDER BY a.position" + limit;
        }
        // A subject's entries are found through the subjects' index first (PostgreSQL cannot tell how few entries name
        // a subject, and would otherwise walk the organization's whole log checking each one); the filters and the
        // limit apply to their narrow columns, and only the entries of the page are then read whole, by position. The
        // cursor bounds the first step too, so that a long history's later pages do not gather its earlier entries again.
        params.put("subjects", query.subjects().toArray(UUID[]::new));
        return """
                WITH subject_entries AS MATERIALIZED (
                         SELECT position, organization_id, type, actor_subject, actor_email, occurred_at
                         FROM read.audit_v1 WHERE subject_ids && CAST(:subjects AS uuid[]) AND position > :after),
                     page AS MATERIALIZED (
                         SELECT a.position FROM subject_entries a
                         %s ORDER BY a.position%s)
                """.formatted(where, limit)
                + columns + "WHERE a.position = ANY (ARRAY(SELECT position FROM page)) ORDER BY a.position";
    }

    /**
     * A bound of a time filter as the database can hold it (microseconds), rounded up: an entry at .643 is before
     * {@code to=.6430004} and not at or after {@code from=.6430004}, which the database's own rounding would turn round.
     */
    private static Timestamp roundedUp(Instant bound) {
        Instant micros = bound.truncatedTo(ChronoUnit.MICROS);
        return Timestamp.from(micros.equals(bound) ? micros : micros.plus(1, ChronoUnit.MICROS));
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("position"), rs.getString("event_id"), rs.getString("type"), rs.getString("revision"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getObject("organization_id", UUID.class),
                rs.getString("aggregate_id"), rs.getString("actor_subject"), rs.getString("actor_email"),
                Arrays.asList((UUID[]) rs.getArray("subject_ids").getArray()), rs.getString("correlation_id"),
                rs.getString("causation_id"), rs.getString("trace_id"), rs.getString("dialect"), rs.getString("route"),
                rs.getString("user_agent"), rs.getString("reason"), rs.getString("payload"));
    }
}
