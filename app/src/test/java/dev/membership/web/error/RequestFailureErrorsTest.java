package dev.membership.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/** Failures of a request itself, raised inside Spring MVC rather than by a handler, are not internal errors. */
class RequestFailureErrorsTest {

    @Test
    void aValueTheFirewallRefusesWhenAHandlerReadsIt_isMalformed_withoutRepeatingTheValue() {
        ApiError error = ApiErrors.from(new RequestRejectedException(
                "The request was rejected because the parameter value \"a\u0000b\" is not allowed."));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(error.detail()).contains("not allowed").doesNotContain("a\u0000b");
    }

    @Test
    void anAnswerThatTakesLongerThanTheServerWaits_isUnavailable() {
        assertThat(ApiErrors.from(new AsyncRequestTimeoutException()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aStreamThatRunsOutOfTimeAfterItsFirstBytes_endsWithoutAnErrorBody_whileOneThatWroteNothingAnswers503() {
        ErrorRenderer statusOnly = new ErrorRenderer() {
            @Override
            public Dialect dialect() {
                return Dialect.NATIVE;
            }

            @Override
            public org.springframework.http.ResponseEntity<Object> render(ApiError error) {
                return org.springframework.http.ResponseEntity.status(ErrorRenderer.defaultStatus(error.code())).build();
            }
        };
        ApiExceptionHandler handler = new ApiExceptionHandler(new ErrorResponder(java.util.List.of(statusOnly),
                new com.fasterxml.jackson.databind.ObjectMapper()));
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest("GET", "/v1/events/stream");
        org.springframework.mock.web.MockHttpServletResponse streaming = new org.springframework.mock.web.MockHttpServletResponse();
        streaming.setCommitted(true);

        assertThat(handler.timedOut(new AsyncRequestTimeoutException(), request, streaming)).isNull();
        assertThat(handler.timedOut(new AsyncRequestTimeoutException(), request,
                new org.springframework.mock.web.MockHttpServletResponse()).getStatusCode().value()).isEqualTo(503);
    }
}
