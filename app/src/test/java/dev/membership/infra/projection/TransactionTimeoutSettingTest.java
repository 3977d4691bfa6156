package dev.membership.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time a write may take once it holds its locks must stay well within the time gaps are waited for. */
class TransactionTimeoutSettingTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void halfTheGraceOrLess_isAccepted() {
        assertThat(ProjectionLocksConfiguration.checkedTransactionTimeout(Duration.ofSeconds(15), GRACE, GAP_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(ProjectionLocksConfiguration.checkedTransactionTimeout(Duration.ofSeconds(1), GRACE, GAP_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void moreThanHalfTheGrace_stopsTheStart_namingBothSettings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProjectionLocksConfiguration.checkedTransactionTimeout(Duration.ofSeconds(16), GRACE, GAP_TIMEOUT))
                .withMessageContaining("membership.commands.transaction-timeout")
                .withMessageContaining("membership.audit.gap-grace");
    }

    @Test
    void underASecond_stopsTheStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProjectionLocksConfiguration.checkedTransactionTimeout(Duration.ofMillis(500), GRACE, GAP_TIMEOUT))
                .withMessageContaining("at least one second");
    }

    @Test
    void aGraceLongerThanTheStoresGapTimeout_stopsTheStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProjectionLocksConfiguration.checkedTransactionTimeout(Duration.ofSeconds(10),
                        Duration.ofMinutes(6), GAP_TIMEOUT))
                .withMessageContaining("membership.event-store.gap-timeout");
    }
}
