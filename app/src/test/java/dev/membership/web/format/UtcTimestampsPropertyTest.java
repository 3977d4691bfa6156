package dev.membership.web.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Instants are written exactly as the date-time pattern with that many fraction digits writes them. */
class UtcTimestampsPropertyTest {

    @Property(tries = 3_000)
    void writesWhatThePatternWrites(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 1, max = 9) int digits) {
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos);
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss." + "S".repeat(digits) + "'Z'")
                .withZone(ZoneOffset.UTC);

        assertThat(UtcTimestamps.format(instant, digits)).isEqualTo(pattern.format(instant));
    }

    @Example
    void cutsTheFractionToItsDigits_andLeavesNullAsNull() {
        Instant instant = Instant.parse("2024-05-01T12:30:05.000123999Z");

        assertThat(UtcTimestamps.format(instant, 4)).isEqualTo("2024-05-01T12:30:05.0001Z");
        assertThat(UtcTimestamps.format(instant, 6)).isEqualTo("2024-05-01T12:30:05.000123Z");
        assertThat(UtcTimestamps.format(instant, 7)).isEqualTo("2024-05-01T12:30:05.0001239Z");
        assertThat(UtcTimestamps.format(null, 7)).isNull();
    }
}
