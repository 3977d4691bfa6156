package dev.membership.infra.jdbc;

import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * The service needs PostgreSQL 17 or later (it bounds each write with {@code transaction_timeout}): an older server is
 * refused before the migrations run, so a database is not migrated for a service that would then refuse to start.
 */
@Component
class ServerVersionCheck implements Callback {

    static final int REQUIRED_MAJOR_VERSION = 17;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        int major;
        String version;
        try {
            major = context.getConnection().getMetaData().getDatabaseMajorVersion();
            version = context.getConnection().getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new FlywayException("Could not read the PostgreSQL server's version", e);
        }
        if (major < REQUIRED_MAJOR_VERSION) {
            throw new FlywayException("The service needs PostgreSQL " + REQUIRED_MAJOR_VERSION + " or later (it bounds each"
                    + " write with transaction_timeout); this server is version " + version + ". Nothing was migrated.");
        }
    }

    @Override
    public String getCallbackName() {
        return "server-version-check";
    }
}
