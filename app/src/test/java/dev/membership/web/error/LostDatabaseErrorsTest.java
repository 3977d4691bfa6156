package dev.membership.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.shared.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A database that goes away is an UNAVAILABLE error (which every dialect answers 503), whichever layer the failure
 * surfaces in. These are the
 * failures seen while PostgreSQL was stopped under a write load (reliability/run, phase B); each answered 500
 * before.
 */
class LostDatabaseErrorsTest {

    @Test
    void noConnectionForATransactionIsUnavailable() {
        Throwable failure = new CompletionException(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms")));
        assertThat(ApiErrors.from(failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aClosedConnectionInTheEventStoreIsUnavailable() {
        Throwable failure = new JdbcException("Failed to create a SQL statement",
                new SQLException("This connection has been closed.", "08003"));
        assertThat(ApiErrors.from(failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aConnectionEvictedByThePoolMidTransactionIsUnavailable() {
        Throwable failure = new RuntimeException("Error when preparing statement.",
                new SQLException("Connection is closed"));
        assertThat(ApiErrors.from(failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aServerShuttingDownWhileEventsAreReadIsUnavailable() {
        Throwable failure = new EventStoreException("Failed to read events for aggregate [x]",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertThat(ApiErrors.from(failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void otherDatabaseErrorsStayInternal() {
        Throwable failure = new JdbcException("Failed to create a SQL statement",
                new SQLException("relation \"nowhere\" does not exist", "42P01"));
        assertThat(ApiErrors.from(failure).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(ApiErrors.from(new IllegalStateException("bug")).code()).isEqualTo(ErrorCode.INTERNAL);
    }
}
