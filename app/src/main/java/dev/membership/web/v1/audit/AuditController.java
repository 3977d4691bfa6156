package dev.membership.web.v1.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.api.audit.AuditPage;
import dev.membership.api.audit.FindAuditEntriesQuery;
import dev.membership.api.audit.FindSubjectHistoryQuery;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.validation.StorableTime;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit log of an organization, newest last, with cursor paging and filters; the same query exported as CSV
 * or NDJSON by {@code Accept}; and the histories of one user or one group. Owners, Admins and Auditors read it.
 */
@RestController
@RequestMapping("/v1/organizations/{orgId}")
class AuditController {

    static final int MAX_LIMIT = 1000;

    private final QueryGateway queries;
    private final OrganizationAccess access;
    private final AuditExports exports;
    private final ObjectMapper json;

    AuditController(QueryGateway queries, OrganizationAccess access, AuditExports exports, ObjectMapper json) {
        this.queries = queries;
        this.access = access;
        this.exports = exports;
        this.json = json;
    }

    /**
     * The organization's audit log, oldest first, filtered by actor, subject, event type and time; as JSON pages, CSV
     * or NDJSON.
     */
    @Operation(operationId = "listOrganizationAudit")
    @GetMapping("/audit")
    @ApiResponse(responseCode = "200", description = "A page of the audit log as JSON, or every entry the filters "
            + "select as an export (CSV or NDJSON, one entry per line), as Accept asks", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = AuditView.Page.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = AuditView.class))})
    ResponseEntity<StreamingResponseBody> audit(@PathVariable UUID orgId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) Integer limit,
            @RequestParam(required = false) @Size(max = 254) String actor,
            @RequestParam(required = false) UUID subject,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{1,100}") String type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableTime Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableTime Instant to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Actor caller) {
        access.require(orgId, caller, Permission.AUDIT_READ);
        if (type != null && !EventTypes.NAMES.contains(type)) {
            // a misspelt type would select nothing, and read as a log without such events
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "'type' names no event; see the events in the README.",
                    List.of(new InvalidParam("type", "Not an event type, such as UserInvitedEvent")));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "'from' must be before 'to'.",
                    List.of(new InvalidParam("from", "Must be before 'to'")));
        }
        MediaType format = format(accept);
        List<UUID> subjects = subject == null ? List.of() : List.of(subject);
        if (!format.equals(MediaType.APPLICATION_JSON)) {
            FindAuditEntriesQuery export = new FindAuditEntriesQuery(orgId, after, limit == null ? 0 : limit, actor,
                    subjects, type, from, to);
            boolean csv = format.equals(AuditExports.CSV);
            return ResponseEntity.ok().contentType(csv ? AuditExports.CSV_UTF8 : format)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("audit-" + orgId + (csv ? ".csv" : ".ndjson")).build().toString())
                    .body(csv ? exports.csv(export) : exports.ndjson(export));
        }
        FindAuditEntriesQuery query = new FindAuditEntriesQuery(orgId, after, limit == null ? 100 : limit, actor, subjects,
                type, from, to);
        AuditView.Page page = page(queries.query(query, AuditPage.class).join());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> json.writeValue(out, page));
    }

    /** Every event about the user in the organization (all their memberships), oldest first. */
    @Operation(operationId = "getUserHistory")
    @GetMapping("/users/{userId}/history")
    AuditView.Page userHistory(@PathVariable UUID orgId, @PathVariable UUID userId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit, Actor caller) {
        access.require(orgId, caller, Permission.AUDIT_READ);
        return page(queries.query(new FindSubjectHistoryQuery(orgId, userId, true, after, limit), AuditPage.class).join());
    }

    /** Every event about the group, oldest first. */
    @Operation(operationId = "getGroupHistory")
    @GetMapping("/groups/{groupId}/history")
    AuditView.Page groupHistory(@PathVariable UUID orgId, @PathVariable UUID groupId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit, Actor caller) {
        access.require(orgId, caller, Permission.AUDIT_READ);
        return page(queries.query(new FindSubjectHistoryQuery(orgId, groupId, false, after, limit), AuditPage.class).join());
    }

    private static AuditView.Page page(AuditPage page) {
        return new AuditView.Page(page.items().stream().map(AuditView::of).toList(), page.next());
    }

    /** JSON unless the client prefers CSV or NDJSON; anything else it will not take answers 406. */
    private static MediaType format(String accept) {
        try {
            return AuditFormats.preferred(accept).orElseThrow(() -> new MembershipException(ErrorCode.NOT_ACCEPTABLE,
                    "The audit log is served as application/json, text/csv or application/x-ndjson."));
        } catch (InvalidMediaTypeException e) {
            throw new MembershipException(ErrorCode.NOT_ACCEPTABLE, "The Accept header cannot be read.");
        }
    }
}
