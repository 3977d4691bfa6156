package dev.membership.infra.http;

import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ResponseEntity;

/**
 * Tomcat's own error page, for requests it refuses before any filter runs (an undecodable path, an encoded NUL, an
 * HTTP version or transfer coding it does not implement): the same error in the dialect of the path instead of an
 * HTML page. A request line Tomcat could not read at all has no path yet, and is answered in the native shape.
 */
public class DialectErrorReportValve extends ErrorReportValve {

    private final ErrorResponder errors;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public DialectErrorReportValve(ErrorResponder errors, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // decoded as it would have been routed, or as sent when Tomcat refused to decode it
        String path = request.getDecodedRequestURI() != null ? request.getDecodedRequestURI()
                : request.getRequestURI() != null ? request.getRequestURI() : "/";
        ResponseEntity<Object> entity = errors.respond(ApiErrors.forStatus(status), path);
        try {
            response.setStatus(entity.getStatusCode().value());
            // the dialect's headers, as any of its errors carries them (Retry-After, Cloudflare's x-should-retry)
            entity.getHeaders().forEach((name, values) -> {
                if (!org.springframework.http.HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            response.setContentType(String.valueOf(entity.getHeaders().getContentType()));
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), entity.getBody());
            response.finishResponse();
        } catch (java.io.IOException | IllegalStateException e) {
            // the client is gone; nothing more to say
        }
    }
}
