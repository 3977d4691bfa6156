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

    @Test
    void theTypePreferred_isTheOneOfHighestQuality_byItsMostSpecificRange_thenTheFirstOffered() {
        List<MediaType> offered = List.of(MediaType.APPLICATION_JSON, MediaType.parseMediaType("text/csv"));

        assertThat(AcceptHeader.preferred(List.of(), offered)).contains(MediaType.APPLICATION_JSON);
        assertThat(AcceptHeader.preferred(List.of("*/*"), offered)).contains(MediaType.APPLICATION_JSON);
        assertThat(AcceptHeader.preferred(List.of("text/*"), offered)).contains(MediaType.parseMediaType("text/csv"));
        assertThat(AcceptHeader.preferred(List.of("TEXT/CSV"), offered)).contains(MediaType.parseMediaType("text/csv"));
        assertThat(AcceptHeader.preferred(List.of("application/json;q=0, */*"), offered)).contains(MediaType.parseMediaType("text/csv"));
        assertThat(AcceptHeader.preferred(List.of("text/csv;q=0.5, application/json"), offered)).contains(MediaType.APPLICATION_JSON);
        assertThat(AcceptHeader.preferred(List.of("*/*;q=0.1, text/csv"), offered)).contains(MediaType.parseMediaType("text/csv"));
        assertThat(AcceptHeader.preferred(List.of("text/csv, application/json"), offered)).as("as the client named them")
                .contains(MediaType.parseMediaType("text/csv"));
        assertThat(AcceptHeader.preferred(List.of("application/json, text/csv"), offered)).contains(MediaType.APPLICATION_JSON);
        assertThat(AcceptHeader.preferred(List.of("text/html"), offered)).isEmpty();
        assertThat(AcceptHeader.preferred(List.of("text/csv;q=0, application/json;q=0"), offered)).isEmpty();
    }
}
