package dev.membership.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client against the running service, through its real security chain. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;

    public Http(String baseUrl, String token) {
        this(baseUrl, token, Map.of());
    }

    private Http(String baseUrl, String token, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
    }

    public Http as(String bearerToken) {
        return new Http(baseUrl, bearerToken, headers);
    }

    public Http anonymous() {
        return new Http(baseUrl, null, headers);
    }

    /** This client with one more header on every request; a {@code null} value leaves it out. */
    public Http header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Http(baseUrl, token, copy);
    }

    public HttpResult get(String path) {
        return send("GET", path, null);
    }

    public HttpResult post(String path, String json) {
        return send("POST", path, json);
    }

    public HttpResult put(String path, String json) {
        return send("PUT", path, json);
    }

    public HttpResult patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public HttpResult delete(String path) {
        return send("DELETE", path, null);
    }

    public HttpResult send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            HttpResult result = new HttpResult(response.statusCode(), response.headers(), response.body());
            ResponseContract.check(baseUrl, method, path, result);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
