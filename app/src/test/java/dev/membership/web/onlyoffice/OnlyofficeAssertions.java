package dev.membership.web.onlyoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.HttpResult;

/** Checks of DocSpace's success and error envelopes. */
public final class OnlyofficeAssertions {

    private OnlyofficeAssertions() {
    }

    public static JsonNode assertSuccess(HttpResult result, String method) {
        assertThat(result.status()).as("status of %s", result).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.get("status").asInt()).isZero();
        assertThat(body.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body.get("links")).hasSize(1);
        assertThat(body.get("links").get(0).get("action").asText()).isEqualTo(method);
        assertThat(body.get("links").get(0).get("href").asText()).startsWith("http://");
        return body.get("response");
    }

    public static void assertError(HttpResult result, int status) {
        assertThat(result.status()).as("status of %s", result).isEqualTo(status);
        JsonNode body = result.json();
        assertThat(body.get("status").asInt()).isEqualTo(1);
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("error").get("message").asText()).isNotBlank();
        assertThat(body.get("error").has("type")).isTrue();
        assertThat(body.has("response")).isFalse();
    }
}
