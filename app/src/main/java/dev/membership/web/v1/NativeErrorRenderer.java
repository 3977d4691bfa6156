package dev.membership.web.v1;

import dev.membership.web.error.ApiError;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorRenderer;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The native API's errors: RFC 9457 problem details, with the stable {@code code} and any {@code invalidParams}. */
@Component
class NativeErrorRenderer implements ErrorRenderer {

    static final String TYPE_PREFIX = "urn:membership:problem:";

    @Override
    public Dialect dialect() {
        return Dialect.NATIVE;
    }

    @Override
    public ResponseEntity<Object> render(ApiError error) {
        HttpStatus status = ErrorRenderer.defaultStatus(error.code());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, error.detail());
        problem.setType(URI.create(TYPE_PREFIX + error.code().slug()));
        problem.setTitle(ErrorRenderer.title(status));
        problem.setProperty("code", error.code().name());
        if (!error.invalidParams().isEmpty()) {
            problem.setProperty("invalidParams", error.invalidParams());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.body(problem);
    }
}
