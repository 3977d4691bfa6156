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

    /**
     * Runs {@code pages} on one connection, its prepared statements dropped first, and answers the types of the
     * parameters PostgreSQL was given for each statement the JDBC driver prepared there whose text contains
     * {@code marker} (the driver prepares a statement once it has run a few times on a connection).
     */
    public static List<String> preparedParameterTypes(PlatformTransactionManager transactions, JdbcClient jdbc,
            Runnable pages, String marker) {
        return prepared(transactions, jdbc, pages, marker, "parameter_types::text");
    }

    /** As {@link #preparedParameterTypes}, answering the text of each such statement. */
    public static List<String> preparedStatements(PlatformTransactionManager transactions, JdbcClient jdbc,
            Runnable pages, String marker) {
        return prepared(transactions, jdbc, pages, marker, "statement");
    }

    private static List<String> prepared(PlatformTransactionManager transactions, JdbcClient jdbc, Runnable pages,
            String marker, String column) {
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("DEALLOCATE ALL").update(); // the driver notices, and prepares its statements again
            pages.run();
            return jdbc.sql("SELECT " + column + " FROM pg_prepared_statements WHERE strpos(statement, :marker) > 0"
                            + " ORDER BY statement")
                    .param("marker", marker).query(String.class).list();
        });
    }

    private static List<JsonNode> nodes(JsonNode root) {
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(root);
        root.path("Plans").forEach(child -> nodes.addAll(nodes(child)));
        return nodes;
    }
}
