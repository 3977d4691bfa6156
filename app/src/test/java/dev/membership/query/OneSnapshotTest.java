package dev.membership.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A query's statements read one committed state, whatever another transaction commits between them. */
class OneSnapshotTest extends ApiTestSupport {

    @Autowired
    OneSnapshot snapshot;

    @Autowired
    DataSource dataSource;

    @Test
    void aCommitBetweenTwoStatementsOfASnapshot_isSeenByNeither() throws Exception {
        // a table of this test's own: rows committed into the read models would outlive it
        jdbc.sql("CREATE TABLE public.one_snapshot_test (id BIGSERIAL PRIMARY KEY)").update();
        try {
            long[] readInSnapshot = countBeforeAndAfterACommit(action -> snapshot.read(action));
            long[] readAlone = countBeforeAndAfterACommit(Supplier::get);

            assertThat(readInSnapshot[1]).as("the second count in one snapshot").isEqualTo(readInSnapshot[0]);
            assertThat(readAlone[1]).as("the second count read alone").isEqualTo(readAlone[0] + 1);
        } finally {
            jdbc.sql("DROP TABLE public.one_snapshot_test").update();
        }
    }

    /** Counts the rows, commits one from another connection, counts again. */
    private long[] countBeforeAndAfterACommit(Function<Supplier<long[]>, long[]> reading) {
        return reading.apply(() -> {
            long before = rows();
            try (Connection other = dataSource.getConnection(); Statement sql = other.createStatement()) {
                other.setAutoCommit(true);
                sql.execute("INSERT INTO public.one_snapshot_test DEFAULT VALUES");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return new long[] {before, rows()};
        });
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM public.one_snapshot_test").query(Long.class).single();
    }
}
