package dev.membership.web.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AcceptHeaderTest {

    private static final MediaType BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");

    @Test
    void noHeader_orAnEmptyOne_admitsAnything() {
        assertThat(AcceptHeader.admits(List.of(), MediaType.APPLICATION_JSON)).isTrue();
        assertThat(AcceptHeader.admits(List.of(" "), BATCH)).isTrue();
    }

    @Test
    void theMostSpecificRangeNamingTheType_decides() {
        assertThat(AcceptHeader.admits(List.of("application/json;q=0, */*"), MediaType.APPLICATION_JSON)).isFalse();
        assertThat(AcceptHeader.admits(List.of("text/csv, application/*;q=0.1"), MediaType.APPLICATION_JSON)).isTrue();
        assertThat(AcceptHeader.admits(List.of("application/*+json"), BATCH)).isTrue();
        assertThat(AcceptHeader.admits(List.of("application/*+json;q=0, */*"), BATCH)).isFalse();
        assertThat(AcceptHeader.admits(List.of("application/json"), BATCH)).isFalse();
        assertThat(AcceptHeader.admits(List.of("text/csv", "text/html"), MediaType.APPLICATION_JSON)).isFalse();
    }

    @Test
    void anUnreadableHeader_admitsNothing() {
        assertThat(AcceptHeader.readable(List.of("not a type"))).isFalse();
        assertThat(AcceptHeader.admits(List.of("not a type"), MediaType.APPLICATION_JSON)).isFalse();
        assertThat(AcceptHeader.readable(List.of("application/json;q=0.5"))).isTrue();
    }
}
