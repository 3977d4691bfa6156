package dev.membership.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tables whose pages are read from an index alone are vacuumed after a hundredth of their rows changed, not
 * PostgreSQL's fifth, so that the pages written since the last vacuum stay few and deep pages rarely read the table.
 */
class ListedTablesVacuumTest extends ApiTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"member_v1", "group_member_v1"})
    void aListedTable_isVacuumedAfterAHundredthOfItsRowsChanged(String table) {
        List<String> options = jdbc.sql("""
                        SELECT unnest(c.reloptions) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'read' AND c.relname = :table""")
                .param("table", table).query(String.class).list();

        assertThat(options).contains("autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_insert_scale_factor=0.01");
    }
}
