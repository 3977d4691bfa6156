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

    @JsonPropertyOrder({"success", "errors", "messages", "result", "result_info"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Envelope(boolean success, List<Message> errors, List<Message> messages,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object result,
            @JsonProperty("result_info") ResultInfo resultInfo) {

        public static Envelope of(Object result) {
            return new Envelope(true, List.of(), List.of(), result, null);
        }

        public static Envelope page(List<?> result, ResultInfo info) {
            return new Envelope(true, List.of(), List.of(), result, info);
        }

        public static Envelope failure(List<Message> errors) {
            return new Envelope(false, errors, List.of(), null, null);
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
