package dev.membership.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.api.shared.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
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
    void aBodyThatStopsArriving_isMalformed_butADatabaseConnectionsTimeoutIsUnavailable() {
        assertThat(ApiErrors.from(new java.net.SocketTimeoutException("Read timed out")).code())
                .isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(ApiErrors.from(new java.io.EOFException()).code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(ApiErrors.from(new org.springframework.dao.DataAccessResourceFailureException("I/O error",
                new java.sql.SQLException("I/O error", "08006", new java.net.SocketTimeoutException("Read timed out")))).code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void anAnswerThatTakesLongerThanTheServerWaits_isUnavailable() {
        assertThat(ApiErrors.from(new AsyncRequestTimeoutException()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aStreamThatRunsOutOfTime_endsWithoutAnErrorBody_anExportIsNotEndedAsIfWhole_andAnAnswerNotYetBegunIs503() {
        ErrorRenderer statusOnly = new ErrorRenderer() {
            @Override
            public Dialect dialect() {
                return Dialect.NATIVE;
            }

            @Override
            public ResponseEntity<Object> render(ApiError error) {
                return ResponseEntity.status(ErrorRenderer.defaultStatus(error.code())).build();
            }
        };
        ApiExceptionHandler handler = new ApiExceptionHandler(new ErrorResponder(List.of(statusOnly), new ObjectMapper()));
        AsyncRequestTimeoutException timeout = new AsyncRequestTimeoutException();

        assertThat(handler.timedOut(timeout, request("/v1/events/stream"), committed("text/event-stream"))).isNull();
        assertThatThrownBy(() -> handler.timedOut(timeout, request("/v1/organizations/x/audit"), committed("text/csv")))
                .isSameAs(timeout);
        assertThat(handler.timedOut(timeout, request("/v1/organizations/x/audit"), new MockHttpServletResponse())
                .getStatusCode().value()).isEqualTo(503);
    }

    private static MockHttpServletRequest request(String path) {
        return new MockHttpServletRequest("GET", path);
    }

    private static MockHttpServletResponse committed(String contentType) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setContentType(contentType);
        response.setCommitted(true);
        return response;
    }
}
