package dev.membership.query;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a query's statements on one snapshot of the read models. An answer that carries a whole group, its count with
 * its members, reads them in two statements; run on their own, each saw the data as of its start, so the count could
 * describe another list than the one it was sent with while writes ran (a group's {@code membersCount} of 100 beside
 * its 5 members). Read here, in one read-only transaction at REPEATABLE READ, both see the same committed state, at
 * the cost of two more round trips to PostgreSQL (the isolation set as the transaction begins, and its end). That
 * cost was a fifth of a list page's throughput (BENCHMARKS.md, change 67), so pages read their totals otherwise. A
 * query handled inside another transaction reads in that one.
 */
@Component
public class OneSnapshot {

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    OneSnapshot(PlatformTransactionManager transactionManager, JdbcClient jdbc) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.jdbc = jdbc;
    }

    public <T> T read(Supplier<T> statements) {
        return transactions.execute(status -> {
            if (status.isNewTransaction()) {
                jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").update();
            }
            return statements.get();
        });
    }
}
