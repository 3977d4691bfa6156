package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.api.audit.AuditWatermarkSignal;
import dev.membership.api.shared.Actor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream that fails to open gives back the places it took, in all and of its caller, whatever the failure: a
 * class that could not be loaded once used up a caller's places for good, so that every later stream of that caller
 * was refused as if ten were open.
 */
class StreamPlacesTest {

    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AuditWatermarkSignal failing = listener -> {
        subscriptions.incrementAndGet();
        throw new LinkageError("a class that could not be loaded");
    };
    private final EventFeedController feed = new EventFeedController(null, failing, null, null, Duration.ofHours(1),
            Duration.ofHours(1), 2, 2, 33_554_432, 8_388_608);

    @AfterEach
    void stop() {
        feed.stopStreams();
    }

    @Test
    void streamsThatFailToOpen_giveTheirPlacesBack_soTheNextStreamsTryAgain() {
        Actor admin = new Actor("admin-places", "admin@places.test", "Admin", true);
        Actor other = new Actor("other-places", "other@places.test", "Other", true);

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> feed.stream(0, null, null, admin)).isInstanceOf(LinkageError.class);
        }
        assertThatThrownBy(() -> feed.stream(0, null, null, other)).isInstanceOf(LinkageError.class);
        // each attempt got as far as following the audit log: none was refused for want of a place
        org.assertj.core.api.Assertions.assertThat(subscriptions).hasValue(6);
    }
}
