package dev.membership.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;

/** An error dispatch keeps the headers of the answer that failed: a 503's Retry-After is not said twice. */
class ErrorDispatchHeadersTest {

    private final ResponseEntity<Object> unavailable = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON).header(HttpHeaders.RETRY_AFTER, "1").body("problem");

    @Test
    void aRetryAfterTheFailedAnswerSetAlready_isNotAddedAgain() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");

        ResponseEntity<Object> entity = DialectErrorController.once(unavailable, response);

        assertThat(entity.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(entity.getBody()).isEqualTo("problem");
    }

    @Test
    void withoutOne_theAnswerKeepsItsOwn() {
        ResponseEntity<Object> entity = DialectErrorController.once(unavailable, new MockHttpServletResponse());

        assertThat(entity.getHeaders().get(HttpHeaders.RETRY_AFTER)).containsExactly("1");
    }
}
