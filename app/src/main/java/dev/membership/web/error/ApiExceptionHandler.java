package dev.membership.web.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** Every exception that leaves a controller, answered in the request's dialect. */
@RestControllerAdvice
class ApiExceptionHandler {

    private final ErrorResponder responder;

    ApiExceptionHandler(ErrorResponder responder) {
        this.responder = responder;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception exception, HttpServletRequest request) {
        return responder.respond(ApiErrors.from(exception), request);
    }

    /** The client of an event stream went away: nothing more can be written to it, and nothing is wrong. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
    }
}
