package dev.membership.infra.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

/** A server older than PostgreSQL 17 is refused before any migration runs. */
class ServerVersionCheckTest {

    private final ServerVersionCheck check = new ServerVersionCheck();

    @Test
    void runsBeforeTheMigrationsOnly() {
        Context context = mock(Context.class);
        assertThat(check.supports(Event.BEFORE_MIGRATE, context)).isTrue();
        assertThat(check.supports(Event.AFTER_MIGRATE, context)).isFalse();
    }

    @Test
    void anOlderServer_isRefused_namingItsVersion() throws SQLException {
        assertThatThrownBy(() -> check.handle(Event.BEFORE_MIGRATE, server(16, "16.4")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("PostgreSQL 17 or later")
                .hasMessageContaining("16.4");
    }

    @Test
    void postgres17AndLater_pass() throws SQLException {
        assertThatCode(() -> check.handle(Event.BEFORE_MIGRATE, server(17, "17.11"))).doesNotThrowAnyException();
        assertThatCode(() -> check.handle(Event.BEFORE_MIGRATE, server(18, "18.1"))).doesNotThrowAnyException();
    }

    private static Context server(int major, String version) throws SQLException {
        DatabaseMetaData metaData = mock(DatabaseMetaData.class);
        when(metaData.getDatabaseMajorVersion()).thenReturn(major);
        when(metaData.getDatabaseProductVersion()).thenReturn(version);
        Connection connection = mock(Connection.class);
        when(connection.getMetaData()).thenReturn(metaData);
        Context context = mock(Context.class);
        when(context.getConnection()).thenReturn(connection);
        return context;
    }
}
