package dev.membership.infra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.membership.api.organization.CreateOrganizationCommand;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.support.ApiTestSupport;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A key is held by one claim at a time. An answer that asks for a retry is not kept as the key's answer. A request that
 * runs past its claim's lease, after another request took the key over, neither keeps nor forgets the other's answer,
 * and its write does not commit under the key.
 */
class KeyClaimFilterTest extends ApiTestSupport {

    @Autowired
    private ErrorResponder errors;

    @Autowired
    private CommandGateway commands;

    private IdempotencyFilter filter;
    private final String caller = "key-claim-" + UUID.randomUUID();
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
        RequestContextHolder.resetRequestAttributes();
        jdbc.sql("DELETE FROM idempotency_key_v1 WHERE principal = :caller").param("caller", caller).update();
    }

    @Test
    void anAnswerThatAsksForARetry_isNotKept_andTheRetryRuns() throws Exception {
        MockHttpServletResponse first = send("{\"name\": \"A\"}", refusing(ErrorCode.CONCURRENT_MODIFICATION));
        MockHttpServletResponse retry = send("{\"name\": \"A\"}", answering(201, "{\"id\": \"A\"}"));

        assertThat(first.getStatus()).isEqualTo(409);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader("Idempotent-Replayed")).isNull();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRefusalThatStands_isKept_andReplayed() throws Exception {
        MockHttpServletResponse first = send("{\"name\": \"A\"}", refusing(ErrorCode.ALREADY_MEMBER));
        MockHttpServletResponse retry = send("{\"name\": \"A\"}", answering(201, "{\"id\": \"A\"}"));

        assertThat(first.getStatus()).isEqualTo(409);
        assertThat(retry.getStatus()).isEqualTo(409);
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRequestThatRanPastItsLease_leavesTheAnswerOfTheRequestThatTookTheKeyOver() throws Exception {
        AtomicReference<MockHttpServletResponse> second = new AtomicReference<>();
        send("{\"name\": \"A\"}", (request, response) -> {
            runs.incrementAndGet();
            pastTheLease();
            second.set(sendQuietly("{\"name\": \"B\"}", answering(201, "{\"id\": \"B\"}")));
            answer(response, 201, "{\"id\": \"A\"}");
        });

        MockHttpServletResponse replay = send("{\"name\": \"B\"}", answering(201, "{\"id\": \"B again\"}"));

        assertThat(second.get().getStatus()).isEqualTo(201);
        assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getContentAsString()).isEqualTo("{\"id\": \"B\"}");
    }

    @Test
    void aRequestThatRanPastItsLeaseAndFailed_doesNotForgetTheAnswerOfTheRequestThatTookTheKeyOver() throws Exception {
        send("{\"name\": \"A\"}", (request, response) -> {
            runs.incrementAndGet();
            pastTheLease();
            sendQuietly("{\"name\": \"B\"}", refusing(ErrorCode.ALREADY_MEMBER));
            ((HttpServletResponse) response).setStatus(503);
        });
        int ran = runs.get();

        MockHttpServletResponse replay = send("{\"name\": \"B\"}", answering(201, "{\"id\": \"B\"}"));

        assertThat(replay.getStatus()).isEqualTo(409);
        assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(runs).as("B does not run again").hasValue(ran);
    }

    @Test
    void theWriteOfARequestWhoseKeyWasTakenOver_doesNotCommit() throws Exception {
        UUID organization = UUID.randomUUID();
        AtomicReference<MembershipException> refused = new AtomicReference<>();
        send("{\"name\": \"A\"}", (request, response) -> {
            // another request took the key over while this one waited for its write
            jdbc.sql("UPDATE idempotency_key_v1 SET claim = :other WHERE principal = :caller AND key = :key")
                    .param("other", UUID.randomUUID()).param("caller", caller).param("key", key).update();
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes((HttpServletRequest) request));
            refused.set(catchThrowableOfType(MembershipException.class, () -> commands.sendAndWait(
                    new CreateOrganizationCommand(organization, "Acme", email("owner"), null, Actor.system()))));
            ((HttpServletResponse) response).setStatus(409);
        });

        assertThat(refused.get()).isNotNull();
        assertThat(refused.get().code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
        assertThat(eventsOf(organization)).isZero();
    }

    /** The request is older than its claim's lease, as one whose write waited on a dead connection would be. */
    private void pastTheLease() {
        jdbc.sql("UPDATE idempotency_key_v1 SET created_at = now() - interval '6 minutes' "
                + "WHERE principal = :caller AND key = :key").param("caller", caller).param("key", key).update();
    }

    private MockHttpServletResponse send(String body, FilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/organizations");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilterInternal(request, response, chain);
        return response;
    }

    private MockHttpServletResponse sendQuietly(String body, FilterChain chain) {
        try {
            return send(body, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private FilterChain answering(int status, String body) {
        return (request, response) -> {
            runs.incrementAndGet();
            answer(response, status, body);
        };
    }

    private FilterChain refusing(ErrorCode code) {
        return (request, response) -> {
            runs.incrementAndGet();
            errors.write(ApiError.of(code), (HttpServletRequest) request, (HttpServletResponse) response);
        };
    }

    private static void answer(jakarta.servlet.ServletResponse response, int status, String body) throws java.io.IOException {
        ((HttpServletResponse) response).setStatus(status);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
