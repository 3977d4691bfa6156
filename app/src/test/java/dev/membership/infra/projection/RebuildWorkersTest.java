package dev.membership.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class RebuildWorkersTest {

    private static HikariDataSource poolOf(int size) {
        HikariDataSource pool = new HikariDataSource(); // never started: only its settings are read
        pool.setMaximumPoolSize(size);
        return pool;
    }

    @Test
    void aRebuildMayTakeHalfThePool_replayingThreadsAndTheReaderTogether() {
        try (HikariDataSource pool = poolOf(20)) {
            assertThat(ProjectionRebuilder.checkedWorkers(2, pool)).isEqualTo(2);
            assertThat(ProjectionRebuilder.checkedWorkers(9, pool)).isEqualTo(9);
        }
    }

    @Test
    void moreReplayingThreadsThanHalfThePoolAllows_failTheStartWithTheSettingsToChange() {
        try (HikariDataSource pool = poolOf(20)) {
            assertThatThrownBy(() -> ProjectionRebuilder.checkedWorkers(10, pool))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("11 of the pool's 20 connections")
                    .hasMessageContaining("spring.datasource.hikari.maximum-pool-size");
        }
    }

    @Test
    void fewerThanOneReplayingThread_failsTheStart() {
        try (HikariDataSource pool = poolOf(20)) {
            assertThatThrownBy(() -> ProjectionRebuilder.checkedWorkers(0, pool))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        }
    }
}
