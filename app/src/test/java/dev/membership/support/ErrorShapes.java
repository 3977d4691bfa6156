package dev.membership.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an error looks like in each dialect, told apart by the request path as the service does. Each check
 * answers {@code null} when the response is a well-formed error of its path's dialect, else what is wrong.
 */
public final class ErrorShapes {

    private ErrorShapes() {
    }

    public static String problemWith(String path, HttpResult result) {
        if (result.status() < 400 || result.status() >= 500) {
            return "status " + result.status() + " is not a 4xx";
        }
        return shapeProblem(path, result);
    }

    /** The same for an error of any status, a 503 say: {@code null} when it is in its path's dialect's shape. */
    public static String shapeProblem(String path, HttpResult result) {
        if (result.status() < 400) {
            return "status " + result.status() + " is no error";
        }
        JsonNode body;
        try {
            body = result.json();
        } catch (AssertionError e) {
            return "body is not JSON: " + abbreviate(result.body());
        }
        String problem;
        if (path.startsWith("/workspace/")) {
            problem = evo(body, result.status());
        } else if (path.startsWith("/docspace/")) {
            problem = docSpace(body, result.status());
        } else if (path.startsWith("/client/v4/")) {
            problem = cloudflare(body);
        } else {
            problem = problemDetails(body, result);
        }
        return problem == null ? null : problem + ": " + abbreviate(result.body());
    }

    private static String evo(JsonNode body, int status) {
        if (body.path("status").asInt() != status || !body.path("title").isTextual() || !body.has("detail")
                || !(body.path("invalid-params").isArray() || body.path("invalid-params").isNull())) {
            return "not Evo's error shape";
        }
        if (!body.path("type").asText().startsWith("https://seequent.com/error-codes/workspace-service/")) {
            return "not an Evo error type";
        }
        return titledAsRfc9110(body, status) ? null : "title not the status's name";
    }

    private static String docSpace(JsonNode body, int status) {
        boolean shaped = body.path("status").asInt() == 1 && body.path("statusCode").asInt() == status
                && body.path("error").path("message").isTextual() && !body.path("error").path("message").asText().isBlank()
                && !body.has("response");
        return shaped ? null : "not DocSpace's error envelope";
    }

    private static String cloudflare(JsonNode body) {
        boolean shaped = body.path("success").isBoolean() && !body.path("success").asBoolean()
                && body.path("errors").isArray() && !body.path("errors").isEmpty()
                && body.path("errors").get(0).path("code").isInt() && body.path("errors").get(0).path("message").isTextual()
                && body.path("messages").isArray() && body.has("result") && body.path("result").isNull();
        return shaped ? null : "not Cloudflare's failure envelope";
    }

    private static String problemDetails(JsonNode body, HttpResult result) {
        String contentType = result.header("Content-Type");
        boolean shaped = contentType != null && contentType.startsWith("application/problem+json")
                && body.path("status").asInt() == result.status() && body.path("code").isTextual()
                && body.path("type").asText().startsWith("urn:membership:problem:") && titledAsRfc9110(body, result.status());
        return shaped ? null : "not a problem details body";
    }

    /** A problem's title is its status's name in RFC 9110, which Evo's documentation uses ("Unprocessable Content"). */
    private static boolean titledAsRfc9110(JsonNode body, int status) {
        String title = body.path("title").asText();
        return switch (status) {
            case 413 -> title.equals("Content Too Large");
            case 422 -> title.equals("Unprocessable Content");
            default -> !title.isBlank();
        };
    }

    private static String abbreviate(String body) {
        String shown = body == null ? "" : body.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }
}
