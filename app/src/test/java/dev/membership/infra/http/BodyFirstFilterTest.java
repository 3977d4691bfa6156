package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.support.ApiTestSupport;
import dev.membership.web.error.ErrorResponder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Write bodies read before their write's turn share a budget of bytes: while it is full (writes waiting for their
 * turns, say), a further body waits for room and answers 503 if none comes, and nothing of it runs; the room comes back
 * as the bodies' requests end.
 */
class BodyFirstFilterTest extends ApiTestSupport {

    private static final int MIB = 1 << 20;

    @Autowired
    private ErrorResponder errors;

    private BodyFirstFilter bodies;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger ran = new AtomicInteger();

    @BeforeEach
    void aBudgetOfTwoBodies() {
        bodies = new BodyFirstFilter(errors, MIB, 2 * MIB + 16_384, Duration.ofMillis(300));
    }

    @AfterEach
    void releaseTheHeld() {
        release.countDown();
    }

    @Test
    void aBodyFindingTheBudgetFull_answers503_andRunsNothing_untilTheHeldBodiesAreDone() throws Exception {
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> send(true));
        CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> send(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ran.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        MockHttpServletResponse third = send(false);

        assertThat(third.getStatus()).isEqualTo(503);
        assertThat(third.getContentAsString()).contains("Too many request bodies");
        assertThat(ran).as("the third write did not run").hasValue(2);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(send(false).getStatus()).as("room again").isEqualTo(200);
        assertThat(bodies.bytesHeld()).isZero();
    }

    @Test
    void aFailureOfTheRequestsHandling_isNotTakenForAnUnreadableBody() {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue("token")
                .header("alg", "HS256").subject("writer").build()));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/organizations/x/groups");
        request.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> bodies.doFilter(request, new MockHttpServletResponse(), (in, out) -> {
                throw new java.io.IOException("the client went away while its answer was written");
            })).isInstanceOf(java.io.IOException.class).hasMessageContaining("answer was written");
            assertThat(bodies.bytesHeld()).isZero();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private MockHttpServletResponse send(boolean hold) {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue("token")
                .header("alg", "HS256").subject("writer").build()));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/organizations/x/groups");
        request.setContent(new byte[MIB]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            bodies.doFilter(request, response, (in, out) -> {
                assertThat(in.getInputStream().readAllBytes()).hasSize(MIB);
                ran.incrementAndGet();
                if (hold) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
        return response;
    }
}
