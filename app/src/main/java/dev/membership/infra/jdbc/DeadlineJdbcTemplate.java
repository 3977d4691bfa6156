package dev.membership.infra.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service's {@link JdbcTemplate} (and so its {@code JdbcClient}): a statement run while a query is handled gets
 * the time the query has left ({@link QueryDeadline}) as its query timeout, or the transaction's, whichever is
 * shorter. Other statements run as with Spring's own template.
 */
class DeadlineJdbcTemplate extends JdbcTemplate {

    DeadlineJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void applyStatementSettings(Statement statement) throws SQLException {
        super.applyStatementSettings(statement);
        Long remaining = QueryDeadline.remainingNanos();
        if (remaining == null) {
            return;
        }
        if (remaining <= 0) {
            // a checked SQLException, so that the template closes what it opened (and translates it as a timeout)
            throw new SQLTimeoutException("The query's time was up before its next statement");
        }
        // JDBC counts whole seconds: a statement gets at least one
        int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L));
        int set = statement.getQueryTimeout();
        if (set == 0 || seconds < set) {
            statement.setQueryTimeout(seconds);
        }
    }
}
