package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.QueryPlans;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The last sequence numbers of a batch's aggregates, read in one statement, are the ones the store gives one by one; an
 * aggregate with no events is left out, and each is one step on the event table's key, not a walk of its events.
 */
class StoredSequenceNumbersTest extends ApiTestSupport {

    @Autowired
    private ConnectionProvider storeConnections;

    @Autowired
    private EventSchema schema;

    @Autowired
    private EventStore store;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void theNumbersOfSeveralAggregates_areTheStoresLastOnes_andAggregatesWithoutEventsAreLeftOut() {
        String owner = email("owner");
        UUID busy = createOrganization(owner);
        for (int i = 0; i < 3; i++) {
            invite(busy, owner, email("invitee" + i), "User");
        }
        UUID quiet = createOrganization(email("owner"));
        String unknown = UUID.randomUUID().toString();

        Map<String, Long> stored = new StoredSequenceNumbers(storeConnections, schema)
                .of(List.of(busy.toString(), quiet.toString(), unknown));

        assertThat(stored).containsOnlyKeys(busy.toString(), quiet.toString());
        assertThat(stored.get(busy.toString())).isEqualTo(store.lastSequenceNumberFor(busy.toString()).orElseThrow())
                .isEqualTo(eventsOf(busy) - 1);
        assertThat(stored.get(quiet.toString())).isEqualTo(store.lastSequenceNumberFor(quiet.toString()).orElseThrow());
    }

    @Test
    void eachAggregateIsLookedUpByOneBackwardStepOnTheEventTablesKey() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        for (int i = 0; i < 20; i++) {
            invite(org, owner, email("invitee" + i), "User");
        }
        String statement = new StoredSequenceNumbers(storeConnections, schema).statement()
                .replace("?::varchar[]", "CAST(:ids AS varchar[])");

        List<JsonNode> plan = QueryPlans.explain(transactions, jdbc, () -> jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement)
                .param("ids", new String[] {org.toString(), UUID.randomUUID().toString()})
                .query(String.class).single());

        List<JsonNode> keySteps = plan.stream().filter(node -> node.path("Index Name").asText()
                .equals("domain_event_entry_aggregate_sequence_uk")).toList();
        assertThat(keySteps).as("%s", plan).singleElement().satisfies(step -> {
            assertThat(step.get("Scan Direction").asText()).isEqualTo("Backward");
            assertThat(step.get("Actual Loops").asInt()).isEqualTo(2);
            assertThat(step.get("Actual Rows").asDouble()).as("rows per id").isLessThanOrEqualTo(1.0);
        });
    }
}
