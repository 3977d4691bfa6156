package dev.membership.infra.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.security.Callers;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorResponder;
import dev.membership.web.v1.audit.AuditFormats;
import org.apache.catalina.core.StandardHost;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The body limit runs first of all filters, so no oversized body is read by security or idempotency; the write
 * limit and the whole-group limit run after security; Tomcat's own refusals answer in the dialect of the path.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    /** The methods that write. */
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** D5 (POST to the collection), and D1, D2, D3, D6, D7, D9 on one group: they answer the group with its members. */
    private static final Pattern DOCSPACE_GROUP =
            Pattern.compile("/docspace/[^/]+/api/2\\.0/group(/[^/]+(/members|/manager)?)?/?");
    /**
     * Read with GET, each answers every member at once: the native group, the members of a group or of the whole
     * organization as of a time, and Evo G1 (every group with its members).
     */
    private static final Pattern WHOLE_READS = Pattern.compile(
            "/v1/organizations/[^/]+/(groups/[^/]+|groups/[^/]+/members|members)/?|/workspace/orgs/[^/]+/members/groups/?");
    /** Cloudflare C3 and C4 (POST and PUT): they answer the group's members after the change. */
    private static final Pattern CLOUDFLARE_GROUP_MEMBERS =
            Pattern.compile("/client/v4/accounts/[^/]+/iam/user_groups/[^/]+/members/?");
    /** Evo G2 (PATCH): it reads the group with its members to answer the people it linked. */
    private static final Pattern EVO_GROUP_LINK = Pattern.compile("/workspace/orgs/[^/]+/members/groups/[^/]+/?");
    /** The audit log read as CSV or NDJSON: the export holds a database connection while its client reads it. */
    private static final Pattern AUDIT = Pattern.compile("/v1/organizations/[^/]+/audit/?");
    /** Pages of the audit log, of a user's or a group's history, and of the event feed (not its stream). */
    private static final Pattern AUDIT_PAGES = Pattern.compile(
            "/v1/events/?|/v1/organizations/[^/]+/(audit|users/[^/]+/history|groups/[^/]+/history)/?");

    /** Requests Tomcat refuses before any filter runs are answered in the dialect of their path too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> dialectErrorReports(ErrorResponder errors, ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.getPipeline().addValve(new DialectErrorReportValve(errors, json));
                host.setErrorReportValveClass(DialectErrorReportValve.class.getName());
            }
        });
    }

    /** First of all filters: every later one may decode the request's path with the charset its Content-Type names. */
    @Bean
    FilterRegistrationBean<CharsetNameFilter> charsetNameFilter() {
        FilterRegistrationBean<CharsetNameFilter> registration = new FilterRegistrationBean<>(new CharsetNameFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ErrorResponder errors,
            @Value("${membership.http.max-body-size:1048576}") int maxBodyBytes) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(errors, maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After the security chain, whose own refusals carry their body already. */
    @Bean
    FilterRegistrationBean<ManagementErrorBodyFilter> managementErrorBodyFilter(ErrorResponder errors,
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        FilterRegistrationBean<ManagementErrorBodyFilter> registration =
                new FilterRegistrationBean<>(new ManagementErrorBodyFilter(errors, basePath));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 4);
        return registration;
    }

    /**
     * After the security chain (a stranger hears 401, a header the firewall refuses is refused by it), before a write
     * waits for its turn or takes its idempotency key.
     */
    @Bean
    FilterRegistrationBean<AcceptableAnswerFilter> acceptableAnswerFilter(ErrorResponder errors) {
        FilterRegistrationBean<AcceptableAnswerFilter> registration =
                new FilterRegistrationBean<>(new AcceptableAnswerFilter(errors));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 5);
        return registration;
    }

    /** After the security chain (a stranger's body is never read), before a write takes its turn or its key. */
    @Bean
    FilterRegistrationBean<BodyFirstFilter> bodyFirstFilter(ErrorResponder errors,
            @Value("${membership.http.max-body-size:1048576}") int maxBodyBytes,
            @Value("${membership.http.max-body-bytes-in-flight:67108864}") int bodyBytesInFlight,
            @Value("${membership.http.write-wait:PT5S}") Duration wait) {
        FilterRegistrationBean<BodyFirstFilter> registration =
                new FilterRegistrationBean<>(new BodyFirstFilter(errors, maxBodyBytes, bodyBytesInFlight, wait));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 6);
        return registration;
    }

    /**
     * After the security chain, so only authenticated writes wait for a turn: a write to a public path (health, the
     * documentation, which serve none) carries no token, and takes no turn it could hold by sending its body slowly.
     */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrentWriteLimitFilter(ErrorResponder errors,
            @Value("${membership.http.max-concurrent-writes:64}") int maxConcurrentWrites,
            @Value("${membership.http.write-wait:PT5S}") Duration wait) {
        return limit(new ConcurrencyLimitFilter(errors, "writes",
                request -> WRITES.contains(request.getMethod()) && Callers.authenticated(),
                "membership.http.max-concurrent-writes", maxConcurrentWrites, wait), 10);
    }

    /**
     * Audit exports: each streams from one transaction on its own connection for as long as its client reads, so a
     * few at a time leave the pool to everything else; one caller has one at a time, so a client that stops reading
     * cannot hold them all.
     */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> auditExportLimitFilter(ErrorResponder errors,
            @Value("${membership.audit.max-concurrent-exports:2}") int maxConcurrentExports,
            @Value("${membership.audit.max-concurrent-exports-per-caller:1}") int perCaller,
            @Value("${membership.audit.export-wait:PT10S}") Duration wait) {
        return limit(new ConcurrencyLimitFilter(errors, "audit exports", HttpConfiguration::exportsTheAuditLog,
                "membership.audit.max-concurrent-exports", maxConcurrentExports, wait, perCaller), 12);
    }

    /**
     * A GET or HEAD of the audit log that its {@code Accept} header asks to answer as CSV or NDJSON (an export), judged
     * as the route judges it.
     */
    static boolean exportsTheAuditLog(HttpServletRequest request) {
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && AUDIT.matcher(Dialect.path(request)).matches()
                && AuditFormats.asksForAnExport(String.join(",", Collections.list(request.getHeaders("Accept"))));
    }

    /**
     * Pages of the audit log and of the event feed: each is built whole in memory, up to {@code
     * membership.audit.page-bytes} of entries (8 MiB by default), and held until its client has read it; a few at a time
     * keep a node's heap from being filled by clients that ask for large pages and read them slowly.
     */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> auditPageLimitFilter(ErrorResponder errors,
            @Value("${membership.audit.max-concurrent-pages:8}") int maxConcurrentPages,
            @Value("${membership.audit.page-wait:PT10S}") Duration wait) {
        return limit(new ConcurrencyLimitFilter(errors, "pages of the audit log and the event feed",
                HttpConfiguration::readsAuditPages, "membership.audit.max-concurrent-pages", maxConcurrentPages, wait), 13);
    }

    /** A GET or HEAD of a page of the audit log, a history or the event feed; an export has a limit of its own. */
    static boolean readsAuditPages(HttpServletRequest request) {
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && AUDIT_PAGES.matcher(Dialect.path(request)).matches() && !exportsTheAuditLog(request);
    }

    /**
     * After the write limit: a write that answers a whole group holds its write turn while it waits for this one. One
     * caller has one such answer at a time, so a client that stops reading cannot hold them all.
     */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> wholeGroupLimitFilter(ErrorResponder errors,
            @Value("${membership.docspace.max-concurrent-groups:2}") int maxConcurrentGroups,
            @Value("${membership.docspace.max-concurrent-groups-per-caller:1}") int perCaller,
            @Value("${membership.docspace.group-wait:PT10S}") Duration wait) {
        return limit(new ConcurrencyLimitFilter(errors, "answers listing every member", HttpConfiguration::answersAWholeGroup,
                "membership.docspace.max-concurrent-groups", maxConcurrentGroups, wait, perCaller), 11);
    }

    /** A limit registered {@code after} places behind the security chain, so only authenticated requests wait. */
    private static FilterRegistrationBean<ConcurrencyLimitFilter> limit(ConcurrencyLimitFilter filter, int after) {
        FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + after);
        return registration;
    }

    static boolean answersAWholeGroup(HttpServletRequest request) {
        String path = Dialect.path(request);
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()); // a HEAD reads as much
        if (WHOLE_READS.matcher(path).matches()) {
            return read;
        }
        if (CLOUDFLARE_GROUP_MEMBERS.matcher(path).matches()) {
            return "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
        }
        if (EVO_GROUP_LINK.matcher(path).matches()) {
            return "PATCH".equals(request.getMethod());
        }
        if (!DOCSPACE_GROUP.matcher(path).matches()) {
            return false;
        }
        boolean collection = path.endsWith("/group") || path.endsWith("/group/");
        if (collection) {
            return "POST".equals(request.getMethod());
        }
        boolean oneGroup = !path.endsWith("/members") && !path.endsWith("/members/") && !path.endsWith("/manager")
                && !path.endsWith("/manager/");
        if (oneGroup && "DELETE".equals(request.getMethod())) {
            return false; // D8 answers 204 without a body
        }
        return !(read && "false".equalsIgnoreCase(request.getParameter("includeMembers")));
    }
}
