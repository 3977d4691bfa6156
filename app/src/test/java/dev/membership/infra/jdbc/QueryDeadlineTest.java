package dev.membership.infra.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryDeadlineTest {

    @Test
    void aQueryHasItsBudgetOnlyWhileItIsHandled() throws Exception {
        List<Long> seen = new ArrayList<>();

        new QueryDeadline(Duration.ofSeconds(5)).handle(null, () -> seen.add(QueryDeadline.remainingNanos()));

        assertThat(seen.get(0)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(QueryDeadline.remainingNanos()).isNull();
    }

    @Test
    void aQuerySentWhileAnotherIsHandledKeepsTheEarlierDeadline() throws Exception {
        List<Long> seen = new ArrayList<>();
        QueryDeadline outer = new QueryDeadline(Duration.ofSeconds(60));
        QueryDeadline inner = new QueryDeadline(Duration.ofMinutes(30));

        outer.handle(null, () -> {
            inner.handle(null, () -> seen.add(QueryDeadline.remainingNanos()));
            return seen.add(QueryDeadline.remainingNanos());
        });

        assertThat(seen).hasSize(2).allSatisfy(left -> assertThat(left).isBetween(1L, Duration.ofSeconds(60).toNanos()));
        assertThat(QueryDeadline.remainingNanos()).isNull();
    }

    @Test
    void aZeroBudgetSetsNoDeadline() throws Exception {
        List<Long> seen = new ArrayList<>();

        new QueryDeadline(Duration.ZERO).handle(null, () -> seen.add(QueryDeadline.remainingNanos()));

        assertThat(seen).containsExactly((Long) null);
    }
}
