package dev.membership.web.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/** Every exception that leaves a controller, answered in the request's dialect. */
@RestControllerAdvice
class ApiExceptionHandler {

    private final ErrorResponder responder;

    ApiExceptionHandler(ErrorResponder responder) {
        this.responder = responder;
    }

    /**
     * The headers Spring MVC gives its own refusals are kept: {@code Allow} on a 405, the accepted types on a 415.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception exception, HttpServletRequest request) {
        ResponseEntity<Object> answer = responder.respond(ApiErrors.from(exception), request);
        if (!(exception instanceof ErrorResponse refusal) || refusal.getHeaders().isEmpty()) {
            return answer;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(refusal.getHeaders());
        headers.putAll(answer.getHeaders());
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }

    /**
     * A streamed answer ran out of time. Before anything was written it answers 503 in the dialect's shape. An event
     * stream ending after its hour has sent its events already, and simply ends. An export cut short is not ended as
     * if it were whole: the failure goes on to the server, which drops the connection rather than end the body.
     */
    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<Object> timedOut(AsyncRequestTimeoutException exception, HttpServletRequest request,
            HttpServletResponse response) {
        if (!response.isCommitted()) {
            return responder.respond(ApiErrors.from(exception), request);
        }
        String type = response.getContentType();
        if (type != null && type.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            return null;
        }
        throw exception;
    }

    /** The client of an event stream went away: nothing more can be written to it, and nothing is wrong. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
    }
}
