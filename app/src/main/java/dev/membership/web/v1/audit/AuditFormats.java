package dev.membership.web.v1.audit;

import dev.membership.web.format.AcceptHeader;
import java.util.List;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The formats of the audit log, and which one a request asks for: judged alike by its route and by the export limit. */
public final class AuditFormats {

    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON, AuditExports.CSV, AuditExports.NDJSON);

    private AuditFormats() {
    }

    /**
     * The format an {@code Accept} header prefers ({@link AcceptHeader#preferred}): JSON without one; none if it admits
     * no format of the log.
     *
     * @throws InvalidMediaTypeException when the header cannot be read
     */
    public static Optional<MediaType> preferred(String accept) {
        return AcceptHeader.preferred(accept == null ? List.of() : List.of(accept), OFFERED);
    }

    /** Whether the header asks for an export (CSV or NDJSON); an unreadable one asks for none, and is refused. */
    public static boolean asksForAnExport(String accept) {
        try {
            return preferred(accept).filter(format -> !format.equals(MediaType.APPLICATION_JSON)).isPresent();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
