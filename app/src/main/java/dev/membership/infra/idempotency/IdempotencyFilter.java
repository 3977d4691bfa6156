package dev.membership.infra.idempotency;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.infra.http.CachedBodyRequest;
import dev.membership.security.Callers;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * {@code Idempotency-Key} on POST, PUT, PATCH and DELETE. The first request with a key runs and its response
 * (anything but a 5xx) is kept for the caller and key; the same key with the same request answers that response
 * again, marked {@code Idempotent-Replayed: true}, and runs nothing; the same key with a different request is
 * refused (422, or 400 in DocSpace's and Cloudflare's dialects); while the first is still running, 409. Keys live 24
 * hours. An answer that asks the client to try again (a 409 of a concurrent change) is not kept, as a 5xx is not.
 *
 * <p>Each claim of a key has an id of its own. A request that runs past its claim's lease may find the key taken over
 * by another: it then neither keeps nor forgets the key's answer, and its write is refused as it commits.
 *
 * <p>A request whose write committed is marked so in the write's own transaction ({@link CommittedUnderKey}). Its key
 * is then never run again: if its answer was a 5xx, or never kept (the node stopped, the database went away), a retry
 * hears 409 {@link ErrorCode#IDEMPOTENCY_ANSWER_LOST} instead of running the write a second time.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    public static final String HEADER = "Idempotency-Key";
    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private static final int CLEAN_EVERY = 256;
    /**
     * How long a claimed key's first request may still be running: a claim without an answer older than this was left
     * by a node that stopped (or lost its database) while the request ran, and the key's next request runs. A write
     * waits at most seconds for its turns and its transaction is ended by the database past its own timeout, so five
     * minutes leaves a wide margin.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    private final AtomicLong claims = new AtomicLong();
    private final JdbcClient jdbc;
    private final ErrorResponder errors;
    private final int maxBodyBytes;
    private final Duration retention;
    private final Consumer<HttpServletRequest> replayAllowed;

    /**
     * {@code replayAllowed} throws when the caller may no longer reach the route (a member removed since the first
     * request): a replay is refused as the route would refuse the request, not answered from the store.
     */
    public IdempotencyFilter(JdbcClient jdbc, ErrorResponder errors, int maxBodyBytes, Duration retention,
            Consumer<HttpServletRequest> replayAllowed) {
        this.jdbc = jdbc;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.retention = retention;
        this.replayAllowed = replayAllowed;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a request without a token reaches only the public paths, which write nothing: it keeps no key
        return !METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null || !Callers.authenticated();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            errors.write(new ApiError(ErrorCode.INVALID_REQUEST, HEADER + " must be 1 to 255 visible ASCII characters.",
                    List.of(new InvalidParam(HEADER, "Not a valid key"))), request, response);
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String principal = caller == null ? "anonymous" : caller.getName();
        // read whole already, as every body of a caller's write is, before it takes a turn (BodyFirstFilter)
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        byte[] body = cached != null ? cached.body() : request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            errors.write(ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE), request, response);
            return;
        }
        String hash = hash(request, body);

        // an answer kept past its retention, or a claim left past its lease without a committed write, is taken afresh
        Optional<Stored> stored = find(principal, key).filter(Stored::current);
        UUID claim = UUID.randomUUID();
        if (stored.isEmpty() && claim(principal, key, hash, claim)) {
            run(cached != null ? request : new CachedBodyRequest(request, body), response, chain,
                    new CommittedUnderKey.Claim(principal, key, claim));
            return;
        }
        Stored first = stored.isPresent() ? stored.get() : find(principal, key).orElse(null);
        boolean removedThemselves = first != null && first.status() != null && first.status() < 300
                && "DELETE".equals(request.getMethod()) && first.requestHash().equals(hash);
        try {
            // whatever the key's state, a caller who may no longer reach the route hears what the route would say;
            // except a retried delete that succeeded, which may have been the caller leaving
            if (!removedThemselves) {
                replayAllowed.accept(request);
            }
        } catch (MembershipException refused) {
            errors.write(ApiErrors.from(refused), request, response);
            return;
        }
        if (first != null && first.status() == null && first.answerLost() && first.requestHash().equals(hash)) {
            errors.write(ApiError.of(ErrorCode.IDEMPOTENCY_ANSWER_LOST), request, response);
        } else if (first == null || (first.status() == null && !first.answerLost())) {
            errors.write(ApiError.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE), request, response);
        } else if (!first.requestHash().equals(hash)) {
            errors.write(new ApiError(ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.IDEMPOTENCY_KEY_REUSED.defaultDetail(),
                    List.of(new InvalidParam(HEADER, "Used before for a different request"))), request, response);
        } else {
            response.setStatus(first.status());
            response.setHeader("Idempotent-Replayed", "true");
            if (first.contentType() != null) {
                response.setContentType(first.contentType());
            }
            if (first.location() != null) {
                response.setHeader("Location", first.location());
            }
            if (first.body() != null) {
                response.getOutputStream().write(first.body());
            }
        }
    }

    /**
     * Runs the request that claimed the key, and keeps its answer; or, when it failed or was told to retry, forgets the
     * key. Both touch the key's row only while {@code claim} still holds it: a request that outlived its lease, after
     * another took the key over, leaves the other's answer be.
     */
    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            CommittedUnderKey.Claim claim) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        request.setAttribute(CommittedUnderKey.CLAIM, claim);
        boolean answered = false;
        try {
            chain.doFilter(request, recorded);
            answered = recorded.getStatus() < 500 && !asksForARetry(request);
            if (answered) {
                keep(claim, recorded);
            }
        } finally {
            if (!answered) {
                forget(claim);
            }
            recorded.copyBodyToResponse();
        }
    }

    /**
     * An answer that tells the client to send the request again (a concurrent change met three times, a rebuild in
     * progress: 409 in every dialect, like a 5xx of the moment) is not the request's answer: the retry under the same
     * key runs.
     */
    private static boolean asksForARetry(HttpServletRequest request) {
        return request.getAttribute(ErrorResponder.ANSWERED_ERROR) instanceof ErrorCode code
                && (code.category() == ErrorCode.Category.CONFLICT || code.category() == ErrorCode.Category.UNAVAILABLE);
    }

    /** The answer, replayed to the key's next requests. */
    private void keep(CommittedUnderKey.Claim claim, ContentCachingResponseWrapper recorded) {
        try {
            jdbc.sql("UPDATE idempotency_key_v1 SET status = :status, content_type = :type, location = :location, "
                            + "body = :body WHERE principal = :principal AND key = :key AND claim = :claim")
                    .param("status", recorded.getStatus()).param("type", recorded.getContentType(), java.sql.Types.VARCHAR)
                    .param("location", recorded.getHeader("Location"), java.sql.Types.VARCHAR)
                    .param("body", recorded.getContentAsByteArray()).param("principal", claim.principal())
                    .param("key", claim.key()).param("claim", claim.claim())
                    .update();
        } catch (DataAccessException e) {
            // the database went away after the request ran: the key stays claimed, so a retry hears that the request
            // is still running until the claim's lease ends, rather than run a write that may have been stored again
            log.warn("The answer to a request with an {} could not be kept; the key is held until its lease ends: {}",
                    HEADER, e.toString());
        }
    }

    /**
     * A failure the client may retry (a 5xx): the key is forgotten, so that the retry runs; unless the request's write
     * committed, whose key is kept as one whose answer was lost.
     */
    private void forget(CommittedUnderKey.Claim claim) {
        try {
            jdbc.sql("UPDATE idempotency_key_v1 SET answer_lost = true "
                            + "WHERE principal = :principal AND key = :key AND claim = :claim AND committed_at IS NOT NULL")
                    .param("principal", claim.principal()).param("key", claim.key()).param("claim", claim.claim()).update();
            jdbc.sql("DELETE FROM idempotency_key_v1 "
                            + "WHERE principal = :principal AND key = :key AND claim = :claim AND committed_at IS NULL")
                    .param("principal", claim.principal()).param("key", claim.key()).param("claim", claim.claim()).update();
        } catch (DataAccessException e) {
            // the database is away, which is most often why the request failed: the answer still goes out, and the
            // key is released when its claim's lease ends
            log.warn("A failed request's {} could not be released; it is held until its lease ends: {}", HEADER,
                    e.toString());
        }
    }

    private boolean claim(String principal, String key, String hash, UUID claim) {
        if (claims.incrementAndGet() % CLEAN_EVERY == 0) {
            // expired keys are cleared now and then, not on every write
            jdbc.sql("DELETE FROM idempotency_key_v1 WHERE created_at < now() - CAST(:retention AS interval)")
                    .param("retention", retention.toSeconds() + " seconds").update();
        }
        return jdbc.sql("""
                        INSERT INTO idempotency_key_v1 (principal, key, request_hash, claim)
                        VALUES (:principal, :key, :hash, :claim)
                        ON CONFLICT (principal, key) DO UPDATE
                        SET request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL, location = NULL,
                            body = NULL, created_at = now(), committed_at = NULL, answer_lost = false,
                            claim = EXCLUDED.claim
                        WHERE idempotency_key_v1.created_at < now() - CAST(:retention AS interval)
                           OR idempotency_key_v1.status IS NULL AND idempotency_key_v1.committed_at IS NULL
                              AND idempotency_key_v1.created_at < now() - CAST(:lease AS interval)""")
                .param("principal", principal).param("key", key).param("hash", hash).param("claim", claim)
                .param("retention", retention.toSeconds() + " seconds")
                .param("lease", CLAIM_LEASE.toSeconds() + " seconds").update() == 1;
    }

    /** The key's row, its age judged by the database's clock, as {@link #claim} judges it. */
    private Optional<Stored> find(String principal, String key) {
        return jdbc.sql("""
                        SELECT request_hash, status, content_type, location, body,
                               created_at >= now() - CAST(:lease AS interval) AS within_lease,
                               created_at >= now() - CAST(:retention AS interval) AS within_retention,
                               committed_at IS NOT NULL AS committed, answer_lost
                        FROM idempotency_key_v1 WHERE principal = :principal AND key = :key""")
                .param("principal", principal).param("key", key)
                .param("lease", CLAIM_LEASE.toSeconds() + " seconds").param("retention", retention.toSeconds() + " seconds")
                .query((rs, row) -> new Stored(rs.getString("request_hash"), (Integer) rs.getObject("status"),
                        rs.getString("content_type"), rs.getString("location"), rs.getBytes("body"),
                        rs.getBoolean("within_lease"), rs.getBoolean("within_retention"), rs.getBoolean("committed"),
                        rs.getBoolean("answer_lost")))
                .optional();
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key's row: its request, and its answer once kept; whether it was claimed within the lease and within the
     * retention; {@code committed} once the request's write committed, {@code failedAfterCommit} once that request
     * ended without an answer to keep.
     */
    record Stored(String requestHash, Integer status, String contentType, String location, byte[] body,
            boolean withinLease, boolean withinRetention, boolean committed, boolean failedAfterCommit) {

        /** Whether the row still holds its key: a claim without an answer or a write holds it for its lease only. */
        boolean current() {
            return status == null && !committed ? withinLease : withinRetention;
        }

        /**
         * Whether the request's write committed and its answer will never be kept: the request said so as it failed,
         * or it has run past its lease (its node stopped, or the database went away, before the answer was kept).
         */
        boolean answerLost() {
            return committed && (failedAfterCommit || !withinLease);
        }
    }
}
