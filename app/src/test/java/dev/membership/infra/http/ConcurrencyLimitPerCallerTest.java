package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A limit with a bound per caller: a caller whose answer is held up (its client stopped reading) holds its own turns
 * only; its next request waits for one of them and answers 503 if none comes, while another caller is served.
 */
class ConcurrencyLimitPerCallerTest extends ApiTestSupport {

    @Autowired
    private ErrorResponder errors;

    private ConcurrencyLimitFilter limit;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void twoTurnsOnePerCaller() {
        limit = new ConcurrencyLimitFilter(errors, "answers listing every member", request -> true, "a limit", 2,
                Duration.ofMillis(300), 1);
    }

    @AfterEach
    void leave() {
        release.countDown();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallerHoldingItsTurn_waitsForItsOwn_whileAnotherCallerIsServed() throws Exception {
        CompletableFuture<MockHttpServletResponse> held = CompletableFuture.supplyAsync(() -> send("stalled", true));
        while (limit.inProgress() < 1) {
            Thread.sleep(5);
        }

        MockHttpServletResponse again = send("stalled", false);
        MockHttpServletResponse other = send("other", false);

        assertThat(again.getStatus()).isEqualTo(503);
        assertThat(again.getContentAsString()).contains("in progress already");
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(served).as("the other caller's request ran").hasValue(1);
        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(send("stalled", false).getStatus()).as("its turn is back").isEqualTo(200);
        assertThat(limit.inProgress()).isZero();
    }

    private MockHttpServletResponse send(String subject, boolean holdUntilReleased) {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(Jwt.withTokenValue("token")
                .header("alg", "HS256").subject(subject).build()));
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            limit.doFilter(new MockHttpServletRequest("GET", "/docspace/x/api/2.0/group/y"), response, (in, out) -> {
                if (holdUntilReleased) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    served.incrementAndGet();
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
