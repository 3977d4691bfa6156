package dev.membership.api.shared;

/**
 * Metadata keys every event carries for the audit trail. They are part of the event contract: downstream
 * consumers read them from each event's metadata.
 */
public final class AuditMetadata {

    /** The caller's token subject, or {@code system} for work the service does on its own. */
    public static final String ACTOR_SUBJECT = "actorSubject";
    /** The caller's email, when the token carries one. */
    public static final String ACTOR_EMAIL = "actorEmail";
    /** The request's correlation id: {@code X-Request-Id}, or generated and echoed in the response. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that caused this one (the command, or the event a policy reacted to). */
    public static final String CAUSATION_ID = "causationId";
    /** The id of the first message of the chain. */
    public static final String TRACE_ID = "traceId";
    /** The API dialect of the request: {@code evo}, {@code onlyoffice}, {@code cloudflare} or {@code native}. */
    public static final String DIALECT = "dialect";
    /** The request's method and route template, for example {@code POST /workspace/orgs/{org_id}/members/users}. */
    public static final String ROUTE = "route";
    /** The client's {@code User-Agent}. */
    public static final String USER_AGENT = "userAgent";
    /** The optional {@code X-Audit-Reason} of the request. */
    public static final String REASON = "auditReason";

    /** The keys copied from a command to the events it causes, and on to what those events cause. */
    public static final String[] PROPAGATED = {ACTOR_SUBJECT, ACTOR_EMAIL, CORRELATION_ID, DIALECT, ROUTE, USER_AGENT, REASON};

    public static final String SYSTEM = "system";

    private AuditMetadata() {
    }
}
