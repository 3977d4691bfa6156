package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.api.audit.FindAuditEntriesQuery;
import dev.membership.support.ApiTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A page of the audit log filtered by subject gathers the subject's entries after its cursor only: paging on through
 * a long history (a group replaced every few minutes by a directory) does not gather its earlier entries again for
 * every page.
 */
class AuditSubjectPagePlanTest extends ApiTestSupport {

    private static final int ENTRIES = 500;
    /** Far above any position the other tests' events reach. */
    private static final long FIRST = 8_000_000_000_000_000_000L;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private AuditRepository audit;

    private final UUID org = UUID.randomUUID();
    private final UUID subject = UUID.randomUUID();

    @Test
    void aLaterPageOfASubjectsHistory_gathersOnlyTheEntriesAfterItsCursor() throws Exception {
        long cursor = FIRST + ENTRIES - 10;
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = audit.select(new FindAuditEntriesQuery(org, cursor, 20, null, List.of(subject), null, null, null),
                params, " LIMIT 20", null);

        // written, planned and rolled back in one transaction: the audit watermark never sees the made-up entries
        String plan = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                            INSERT INTO read.audit_v1 (position, event_id, type, occurred_at, organization_id, aggregate_id,
                                                       subject_ids, payload, metadata)
                            SELECT :first + n, gen_random_uuid()::text, 'GroupMembersReplacedEvent', now(), :org, :subject,
                                   ARRAY[CAST(:subject AS uuid)], '{}', '{}'
                            FROM generate_series(1, :n) AS n""")
                    .param("first", FIRST).param("org", org).param("subject", subject.toString()).param("n", ENTRIES)
                    .update();
            return jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).params(params).query(String.class).single();
        });

        JsonNode gathered = find(new ObjectMapper().readTree(plan).get(0).get("Plan"), "CTE subject_entries");
        assertThat(gathered).isNotNull();
        assertThat(gathered.path("Actual Rows").asLong()).isEqualTo(10);
    }

    private static JsonNode find(JsonNode node, String subplan) {
        if (node.path("Subplan Name").asText().equals(subplan)) {
            return node;
        }
        for (JsonNode child : node.path("Plans")) {
            JsonNode found = find(child, subplan);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
