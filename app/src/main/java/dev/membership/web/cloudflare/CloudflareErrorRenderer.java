package dev.membership.web.cloudflare;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.web.cloudflare.CloudflareModels.CloudflareEnvelope;
import dev.membership.web.cloudflare.CloudflareModels.Message;
import dev.membership.web.cloudflare.CloudflareModels.Source;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorRenderer;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Cloudflare's failure envelope, {@code success: false} with coded {@code errors}, one per rejected input with a
 * JSON pointer. Input problems answer 400. Deterministic refusals carry {@code x-should-retry: false}, so the
 * official client does not retry a 409 that would fail again.
 */
@Component
class CloudflareErrorRenderer implements ErrorRenderer {

    @Override
    public Dialect dialect() {
        return Dialect.CLOUDFLARE;
    }

    @Override
    public ResponseEntity<Object> render(ApiError error) {
        HttpStatus status = status(error.code());
        int code = code(error.code());
        List<Message> errors = error.invalidParams().isEmpty()
                ? List.of(new Message(code, error.detail(), null))
                : error.invalidParams().stream()
                        .map(param -> new Message(code, param.name() + ": " + param.reason(), new Source(pointer(param))))
                        .toList();
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer"); // RFC 9110: a 401 names the scheme it takes
        }
        if (status.is4xxClientError() && status != HttpStatus.TOO_MANY_REQUESTS && status != HttpStatus.REQUEST_TIMEOUT
                && error.code().category() != ErrorCode.Category.CONFLICT) {
            // deterministic: the SDK's client would retry a 409 otherwise (a conflict of the moment, a key still
            // in use or a concurrent change, is left for it to retry)
            response.header("x-should-retry", "false");
        }
        return response.body(CloudflareEnvelope.failure(errors));
    }

    private static HttpStatus status(ErrorCode code) {
        return switch (code.category()) {
            case INVALID_ARGUMENT, MALFORMED -> HttpStatus.BAD_REQUEST;
            default -> ErrorRenderer.defaultStatus(code);
        };
    }

    /** Error codes (at least 1000): Cloudflare's own where they are known, the service's otherwise. */
    private static int code(ErrorCode code) {
        if (code == ErrorCode.NOT_FOUND) {
            return 7003; // "No route for the URI"
        }
        return switch (code.category()) {
            case UNAUTHENTICATED -> 10000; // "Authentication error"
            case PERMISSION_DENIED -> 9109; // "Unauthorized to access requested resource"
            case METHOD_NOT_ALLOWED -> 7001;
            case INVALID_ARGUMENT, MALFORMED -> 1001;
            case NOT_FOUND -> 1003;
            case ALREADY_EXISTS, CONFLICT, FAILED_PRECONDITION -> 1005;
            case UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE -> 1002;
            case PAYLOAD_TOO_LARGE -> 1006;
            case UNAVAILABLE -> 1010;
            case INTERNAL -> 1000;
        };
    }

    /** {@code users[0].roles[1]} becomes {@code /users/0/roles/1}; a bare-array body's {@code [0].id} becomes {@code /0/id}. */
    static String pointer(InvalidParam param) {
        String path = param.name().replace("[", ".").replace("]", "").replace('.', '/');
        return path.startsWith("/") ? path : "/" + path;
    }
}
