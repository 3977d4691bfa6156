package dev.membership.web.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Cloudflare's client retries a 409 unless told not to: a conflict that will fail again says so, a conflict of the
 * moment leaves the client to retry.
 */
class CloudflareErrorRendererTest {

    private final CloudflareErrorRenderer renderer = new CloudflareErrorRenderer();

    @Test
    void aDeterministicRefusal_tellsTheClientNotToRetry() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.ALREADY_MEMBER, ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND,
                ErrorCode.FORBIDDEN, ErrorCode.LAST_OWNER}) {
            ResponseEntity<Object> answer = renderer.render(ApiError.of(code));

            assertThat(answer.getStatusCode().is4xxClientError()).as(code.name()).isTrue();
            assertThat(answer.getHeaders().get("x-should-retry")).as(code.name()).containsExactly("false");
        }
    }

    @Test
    void aConflictOfTheMoment_leavesTheClientToRetry() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.CONCURRENT_MODIFICATION}) {
            ResponseEntity<Object> answer = renderer.render(ApiError.of(code));

            assertThat(answer.getStatusCode().value()).as(code.name()).isEqualTo(409);
            assertThat(answer.getHeaders().containsKey("x-should-retry")).as(code.name()).isFalse();
        }
    }
}
