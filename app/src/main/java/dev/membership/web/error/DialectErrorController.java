package dev.membership.web.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for failures outside Spring MVC, in the original request's dialect. It is not
 * a route of the API, so the OpenAPI document leaves it out.
 */
@Hidden
@RestController
class DialectErrorController implements ErrorController {

    private final ErrorResponder responder;

    DialectErrorController(ErrorResponder responder) {
        this.responder = responder;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        // the responder answers in the dialect of the path that failed
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable failure) {
            return once(ErrorResponder.nameInstance(responder.respond(ApiErrors.from(failure), request), request), response);
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no status: the page was asked for by its path, which is no route of the API
        ApiError error = status instanceof Integer code ? ApiErrors.forStatus(code) : ApiErrors.forStatus(404);
        return once(ErrorResponder.nameInstance(responder.respond(error, request), request), response);
    }

    /**
     * The answer without a {@code Retry-After} the response has already: an error dispatch keeps the headers of the
     * answer that failed (a 503 whose idempotency key could not be released, say), and the entity's are added to them.
     */
    static ResponseEntity<Object> once(ResponseEntity<Object> entity, HttpServletResponse response) {
        if (!response.containsHeader(HttpHeaders.RETRY_AFTER) || !entity.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)) {
            return entity;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(entity.getHeaders());
        headers.remove(HttpHeaders.RETRY_AFTER);
        return ResponseEntity.status(entity.getStatusCode()).headers(headers).body(entity.getBody());
    }
}
