package dev.membership.infra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A request whose write committed and which then failed (a 5xx: the answer's read found the database gone, say) keeps
 * its key: the retry is told at once that the answer was lost, and does not run the write again. A request that failed
 * before its write committed is forgotten, and its retry runs.
 */
class AnswerLostFilterTest extends ApiTestSupport {

    @Autowired
    private ErrorResponder errors;

    private IdempotencyFilter filter;
    private final String caller = "answer-lost-" + UUID.randomUUID();
    private final String key = "key-" + UUID.randomUUID();
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void asACaller() {
        filter = new IdempotencyFilter(jdbc, errors, 1024, Duration.ofHours(24), request -> { });
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(caller, null));
    }

    @AfterEach
    void clearTheCaller() {
        SecurityContextHolder.clearContext();
        jdbc.sql("DELETE FROM idempotency_key_v1 WHERE principal = :caller").param("caller", caller).update();
    }

    @Test
    void aRequestThatFailedAfterItsWriteCommitted_isNotRunAgain_andItsRetryHearsTheAnswerWasLost() throws Exception {
        MockHttpServletResponse first = send(committingThenFailing());
        MockHttpServletResponse retry = send(committingThenFailing());

        assertThat(first.getStatus()).isEqualTo(503);
        assertThat(runs).as("the retry does not run").hasValue(1);
        assertThat(retry.getStatus()).isEqualTo(409);
        assertThat(retry.getContentType()).startsWith("application/problem+json");
        assertThat(retry.getContentAsString()).contains("idempotency-answer-lost").contains("answer was lost");
    }

    @Test
    void aRequestThatFailedBeforeItsWriteCommitted_isForgotten_andItsRetryRuns() throws Exception {
        MockHttpServletResponse first = send(answering(503));
        MockHttpServletResponse retry = send(answering(201));

        assertThat(first.getStatus()).isEqualTo(503);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(runs).hasValue(2);
    }

    private MockHttpServletResponse send(FilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/organizations");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.setContent("{\"name\": \"Acme\"}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilterInternal(request, response, chain);
        return response;
    }

    /** What a request does whose command commits (marking its key, as the command's transaction does) and whose answer then fails. */
    private FilterChain committingThenFailing() {
        return (request, response) -> {
            runs.incrementAndGet();
            var claim = (CommittedUnderKey.Claim) request.getAttribute(CommittedUnderKey.CLAIM);
            jdbc.sql("UPDATE idempotency_key_v1 SET committed_at = now() WHERE principal = :principal AND key = :key")
                    .param("principal", claim.principal()).param("key", claim.key()).update();
            ((HttpServletResponse) response).setStatus(503);
        };
    }

    private FilterChain answering(int status) {
        return (request, response) -> {
            runs.incrementAndGet();
            ((HttpServletResponse) response).setStatus(status);
        };
    }
}
