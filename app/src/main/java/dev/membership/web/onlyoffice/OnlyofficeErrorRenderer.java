package dev.membership.web.onlyoffice;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorRenderer;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * DocSpace's error envelope: {@code {"error": {message, type, stack, hresult}, "status": 1, "statusCode": n}}.
 * Input problems answer 400 (DocSpace's ArgumentException), with every rejected field in the message; no stack
 * trace is ever sent.
 */
@Component
class OnlyofficeErrorRenderer implements ErrorRenderer {

    @Override
    public Dialect dialect() {
        return Dialect.ONLYOFFICE;
    }

    @Override
    public ResponseEntity<Object> render(ApiError error) {
        HttpStatus status = status(error.code());
        String message = message(error);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer"); // RFC 9110: a 401 names the scheme it takes
        }
        return response
                .body(new OnlyofficeModels.ErrorEnvelope(
                        new OnlyofficeModels.ErrorBody(message, exceptionType(status), null, 0), 1, status.value()));
    }

    private static HttpStatus status(ErrorCode code) {
        return switch (code.category()) {
            case INVALID_ARGUMENT, MALFORMED -> HttpStatus.BAD_REQUEST;
            default -> ErrorRenderer.defaultStatus(code);
        };
    }

    private static String message(ApiError error) {
        String base = switch (error.code()) {
            case GROUP_NOT_FOUND -> "Group not found";
            case USER_NOT_FOUND, MEMBERSHIP_NOT_FOUND -> "User not found";
            case FORBIDDEN, OWNER_REQUIRED -> "Access denied";
            default -> error.detail();
        };
        if (error.invalidParams().isEmpty()) {
            return base;
        }
        return base + " " + error.invalidParams().stream()
                .map(InvalidParam::name).distinct().collect(Collectors.joining(", ", "(", ")"))
                + ": " + error.invalidParams().get(0).reason();
    }

    private static String exceptionType(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "System.ArgumentException";
            case UNAUTHORIZED -> "System.Security.Authentication.AuthenticationException";
            case FORBIDDEN -> "System.Security.SecurityException";
            case NOT_FOUND -> "ASC.Common.Web.ItemNotFoundException";
            case UNSUPPORTED_MEDIA_TYPE -> "System.NotSupportedException";
            default -> "ASC.Web.Api.Core.CustomHttpException";
        };
    }
}
