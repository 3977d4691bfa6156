package dev.membership.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds every answer an API test receives to the OpenAPI document the same service serves: a documented route's
 * status, media type and body must be what the document says, with no property it leaves out. A client generated from
 * the document then reads what the service sends. Routes the document leaves out on purpose (health, the document
 * itself, Swagger UI) and methods it does not list (the 405 answers, a CORS preflight) are not checked here.
 */
final class ResponseContract {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private ResponseContract() {
    }

    static void check(String baseUrl, String method, String pathAndQuery, HttpResult result) {
        if (!isDocumentedMethod(method)) {
            return;
        }
        String path = URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl + pathAndQuery).getRawPath();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(result.status());
        result.headers().map().forEach(response::withHeader);
        if (!"HEAD".equals(method) && result.body() != null && !result.body().isEmpty()) {
            response.withBody(result.body());
        }
        ValidationReport report = VALIDATORS.computeIfAbsent(baseUrl, ResponseContract::load)
                .validateResponse(path, Request.Method.valueOf(method), response.build());
        List<String> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !(message.getKey().equals("validation.response.body.missing")
                        && ("HEAD".equals(method) || isStreamOfLines(result))))
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + path + " is not what the OpenAPI document says: "
                    + errors + "\nThe answer: " + result);
        }
    }

    /** NDJSON, CSV or Server-Sent Events: a stream of no entries is an empty body, which a schema cannot describe. */
    private static boolean isStreamOfLines(HttpResult result) {
        String type = String.valueOf(result.header("Content-Type"));
        return type.startsWith("application/x-ndjson") || type.startsWith("text/csv") || type.startsWith("text/event-stream");
    }

    private static boolean isDocumentedMethod(String method) {
        return List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE").contains(method);
    }

    private static OpenApiInteractionValidator load(String baseUrl) {
        try {
            HttpResponse<String> docs = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            if (docs.statusCode() != 200) {
                throw new AssertionError("No OpenAPI document: " + docs.statusCode() + " " + docs.body());
            }
            return OpenApiInteractionValidator.createForInlineApiSpecification(docs.body())
                    .withBasePathOverride("/")
                    .withLevelResolver(LevelResolver.create()
                            // the document leaves out health, itself and Swagger UI; percent-encoded paths are tried raw
                            .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                            // a method the route does not serve answers 405 (or a preflight 403), in the dialect's shape
                            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
