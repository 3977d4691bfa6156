package dev.membership.web.evo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorRenderer;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Evo's error body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code invalid-params}. Like Evo,
 * every input problem, malformed JSON included, answers 422.
 */
@Component
class EvoErrorRenderer implements ErrorRenderer {

    static final String TYPE_PREFIX = "https://seequent.com/error-codes/workspace-service/";

    @Override
    public Dialect dialect() {
        return Dialect.EVO;
    }

    @Override
    public ResponseEntity<Object> render(ApiError error) {
        HttpStatus status = status(error.code());
        List<InvalidParam> params = error.invalidParams().isEmpty() ? null : error.invalidParams();
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.body(new EvoError(TYPE_PREFIX + error.code().slug(), ErrorRenderer.title(status), status.value(),
                error.detail(), params));
    }

    private static HttpStatus status(ErrorCode code) {
        return code.category() == ErrorCode.Category.MALFORMED
                ? HttpStatus.UNPROCESSABLE_ENTITY
                : ErrorRenderer.defaultStatus(code);
    }

    record EvoError(String type, String title, int status, String detail,
            @JsonProperty("invalid-params") List<InvalidParam> invalidParams) {
    }
}
