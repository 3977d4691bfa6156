package dev.membership.web.error;

import dev.membership.api.shared.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Renders an {@link ApiError} in one dialect's status and body shape: the one mapping per dialect. */
public interface ErrorRenderer {

    Dialect dialect();

    ResponseEntity<Object> render(ApiError error);

    /** The status most dialects give each category; a renderer overrides where its dialect differs. */
    static HttpStatus defaultStatus(ErrorCode code) {
        return switch (code.category()) {
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID_ARGUMENT -> HttpStatus.UNPROCESSABLE_ENTITY;
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case ALREADY_EXISTS, CONFLICT, FAILED_PRECONDITION -> HttpStatus.CONFLICT;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * A status's name as RFC 9110 gives it, for a problem's {@code title}: Evo documents its 422 as "Unprocessable
     * Content", where the older name Spring keeps is "Unprocessable Entity" (413 likewise).
     */
    static String title(HttpStatus status) {
        return switch (status) {
            case UNPROCESSABLE_ENTITY -> "Unprocessable Content";
            case PAYLOAD_TOO_LARGE -> "Content Too Large";
            default -> status.getReasonPhrase();
        };
    }
}
