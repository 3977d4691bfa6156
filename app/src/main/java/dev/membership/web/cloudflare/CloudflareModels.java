package dev.membership.web.cloudflare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.membership.web.format.UtcTimestamps;
import java.time.Instant;
import java.util.List;

/** Cloudflare API v4 wire shapes: the {@code success}/{@code errors}/{@code messages}/{@code result} envelope. */
public final class CloudflareModels {

    private CloudflareModels() {
    }

    public static String timestamp(Instant instant) {
        return UtcTimestamps.format(instant, 4);
    }

    /** The envelope of every answer, typed by its {@code result} so that the OpenAPI document describes each route's. */
    @JsonPropertyOrder({"success", "errors", "messages", "result", "result_info"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CloudflareEnvelope<T>(boolean success, List<Message> errors, List<Message> messages,
            @JsonInclude(JsonInclude.Include.ALWAYS) T result,
            @JsonProperty("result_info") ResultInfo resultInfo) {

        public static <T> CloudflareEnvelope<T> of(T result) {
            return new CloudflareEnvelope<>(true, List.of(), List.of(), result, null);
        }

        public static <T> CloudflareEnvelope<List<T>> page(List<T> result, ResultInfo info) {
            return new CloudflareEnvelope<>(true, List.of(), List.of(), result, info);
        }

        public static CloudflareEnvelope<Void> failure(List<Message> errors) {
            return new CloudflareEnvelope<>(false, errors, List.of(), null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(int code, String message, Source source) {
    }

    public record Source(String pointer) {
    }

    public record ResultInfo(int page, @JsonProperty("per_page") int perPage, int count,
            @JsonProperty("total_count") long totalCount) {
    }
}
