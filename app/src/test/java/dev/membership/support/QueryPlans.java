package dev.membership.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The plans PostgreSQL chooses for a query, for tests that check which index serves it. */
public final class QueryPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryPlans() {
    }

    /**
     * Runs {@code explain} (an {@code EXPLAIN (ANALYZE, FORMAT JSON)} answering the plan's text) in a transaction of its
     * own with the planner settings named in {@code off} turned off for it; answers every node of the plan, the root
     * first, each before its children.
     */
    public static List<JsonNode> explain(PlatformTransactionManager transactions, JdbcClient jdbc, Supplier<String> explain,
            String... off) {
        String plan = new TransactionTemplate(transactions).execute(status -> {
            for (String setting : off) {
                jdbc.sql("SET LOCAL " + setting + " = off").update();
            }
            return explain.get();
        });
        try {
            return nodes(JSON.readTree(plan).get(0).get("Plan"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not a plan: " + plan, e);
        }
    }

    private static List<JsonNode> nodes(JsonNode root) {
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(root);
        root.path("Plans").forEach(child -> nodes.addAll(nodes(child)));
        return nodes;
    }
}
