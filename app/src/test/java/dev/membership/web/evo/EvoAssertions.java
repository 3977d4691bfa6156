package dev.membership.web.evo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.HttpResult;

/** Checks that a response is an error in Evo's own shape. */
public final class EvoAssertions {

    private EvoAssertions() {
    }

    public static void assertEvoError(HttpResult result, int status, String slug) {
        assertThat(result.status()).as("status of %s", result).isEqualTo(status);
        assertEvoShape(result);
        assertThat(result.json().get("type").asText()).isEqualTo("https://seequent.com/error-codes/workspace-service/" + slug);
    }

    public static void assertEvoShape(HttpResult result) {
        JsonNode body = result.json();
        assertThat(body.get("status").asInt()).isEqualTo(result.status());
        assertThat(body.get("title").asText()).isNotBlank();
        if (result.status() == 422) {
            assertThat(body.get("title").asText()).as("as Evo documents its 422").isEqualTo("Unprocessable Content");
        }
        assertThat(body.get("type").asText()).startsWith("https://seequent.com/error-codes/workspace-service/");
        assertThat(body.has("detail")).isTrue();
        assertThat(body.has("invalid-params")).isTrue();
    }
}
