package dev.membership.web.v1.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.membership.api.audit.AuditEntry;
import dev.membership.api.audit.AuditLog;
import dev.membership.api.audit.FindAuditEntriesQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Streams audit entries as CSV (formulas made inert) or NDJSON, row by row, however many there are. */
@Component
class AuditExports {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    /** What a CSV export is sent as: text/csv has no default character set a reader would agree on. */
    static final MediaType CSV_UTF8 = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final String[] COLUMNS = {"position", "eventId", "type", "revision", "occurredAt", "organizationId",
            "actorSubject", "actorEmail", "subjects", "correlationId", "causationId", "traceId", "dialect", "route", "userAgent",
            "reason", "payload"};

    private final AuditLog log;
    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();

    AuditExports(AuditLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    StreamingResponseBody csv(FindAuditEntriesQuery query) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        for (String column : COLUMNS) {
            schema.addColumn(column);
        }
        return out -> {
            try (SequenceWriter writer = csv.writer(schema.build()).writeValues(out)) {
                log.forEach(query, entry -> write(writer, row(entry)));
            }
        };
    }

    StreamingResponseBody ndjson(FindAuditEntriesQuery query) {
        return out -> log.forEach(query, entry -> line(out, entry));
    }

    private void line(OutputStream out, AuditEntry entry) {
        try {
            out.write(json.writeValueAsBytes(AuditView.of(entry)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(SequenceWriter writer, Map<String, Object> row) {
        row.replaceAll((column, value) -> value instanceof String text ? inert(text) : value);
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell that a spreadsheet would read as a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a
     * carriage return first: a user agent or audit reason is whatever a client sent) starts with an apostrophe, which
     * spreadsheets show as text and do not run. NDJSON exports carry every value unchanged.
     */
    static String inert(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    private static Map<String, Object> row(AuditEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("position", entry.position());
        row.put("eventId", entry.eventId());
        row.put("type", entry.type());
        row.put("revision", entry.revision());
        row.put("occurredAt", entry.occurredAt().toString());
        row.put("organizationId", entry.organizationId() == null ? null : entry.organizationId().toString());
        row.put("actorSubject", entry.actorSubject());
        row.put("actorEmail", entry.actorEmail());
        row.put("subjects", String.join(" ", entry.subjectIds().stream().map(Object::toString).toList()));
        row.put("correlationId", entry.correlationId());
        row.put("causationId", entry.causationId());
        row.put("traceId", entry.traceId());
        row.put("dialect", entry.dialect());
        row.put("route", entry.route());
        row.put("userAgent", entry.userAgent());
        row.put("reason", entry.reason());
        row.put("payload", entry.payload());
        return row;
    }
}
