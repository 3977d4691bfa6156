package dev.membership.infra.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A connection whose one-row {@code INSERT}s and {@code UPDATE}s travel in JDBC batches instead of making a round trip
 * each: a rebuild replays every stored event through one, and a batch of commands runs its transaction on one. The
 * batches are sent every {@link #BATCH_SIZE} rows, before any statement that names a table with waiting rows (a query,
 * a delete, a write of another form) and before anything else done on the connection (a commit), so every statement
 * still sees every row written before it, as it would one at a time. A statement that names none of those tables
 * cannot see them (the tables written this way have no views, triggers, functions or foreign keys over them), and runs
 * without waiting.
 *
 * <p>Statements on one table keep their order: one whose table already has rows waiting under another statement
 * sends the batches first, so a table never has two batches waiting. Writes to different tables may reach the
 * database in another order than they were made; with no foreign keys or triggers between the tables, that changes
 * nothing. Only one-row inserts ({@code INSERT ... VALUES}) and updates, without {@code RETURNING}, are batched. Their
 * row count is not known until the batch is sent, so they report {@link Statement#SUCCESS_NO_INFO}: code that needs
 * the count must use another form ({@code INSERT ... SELECT}, {@code RETURNING} and {@code DELETE} run at once and
 * count, as in the groups read model).
 *
 * <p>A full batch is sent by a thread of its own while the next one fills, into a second statement of each text, so
 * the database and the handlers work at the same time instead of in turn. At most one batch is on its way: anything
 * else done on the connection, and the next full batch, waits for it first, and so sees its rows; a batch that failed
 * fails that next step. Every other send (before a query, a statement of another form or a commit) happens on the
 * caller's thread, after the batch on its way.
 */
public final class BatchingConnection implements InvocationHandler {

    public static final int BATCH_SIZE = 1000;
    /**
     * The schemas the projections write: the read models and the command side's look-ups. Their handlers never read a
     * one-row write's count; Axon's own tables (the token store counts its updates) are never batched.
     */
    public static final Set<String> PROJECTION_SCHEMAS = Set.of("read", "lookup");
    /**
     * A one-row insert, {@code INSERT INTO table (columns) VALUES (...)}, or an update, {@code UPDATE table SET ...};
     * an {@code INSERT ... SELECT} runs at once.
     */
    private static final Pattern BATCHABLE = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO\\s+([\\w.\"]+)\\s*(?:\\([^)]*\\))?\\s*VALUES\\b|UPDATE\\s+([\\w.\"]+)\\s+SET\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RETURNING = Pattern.compile("\\bRETURNING\\b", Pattern.CASE_INSENSITIVE);

    private final Connection target;
    /** The schemas whose tables are written in batches; {@code null}: every table. */
    private final Set<String> schemas;
    /** A prepared statement per batched SQL text, in the order of their first row. */
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    /** Every statement text seen, parsed once: a replay prepares the same few texts for every event. */
    private final Map<String, Sql> parsed = new HashMap<>();
    private int waiting;
    private long sent;
    /** The tables rows were batched into, in the order of their first row. */
    private final Set<String> tables = new LinkedHashSet<>();
    /** Sends full batches while the next ones fill. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jdbc-batch-sender");
        thread.setDaemon(true);
        return thread;
    });
    /** The full batch on its way, if any. */
    private Future<?> sending;

    private BatchingConnection(Connection target, Set<String> schemas) {
        this.target = target;
        this.schemas = schemas;
    }

    /** A connection that batches the inserts made through it; {@link #finish(Connection)} sends what waits. */
    public static Connection wrap(Connection target) {
        return wrap(target, null);
    }

    /**
     * A connection that batches the inserts and updates made through it into tables of the given schemas only
     * ({@code null}: any table); {@link #finish(Connection)} sends what waits.
     */
    public static Connection wrap(Connection target, Set<String> schemas) {
        return (Connection) Proxy.newProxyInstance(BatchingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new BatchingConnection(target, schemas));
    }

    /** Sends the rows still waiting on a connection made by {@link #wrap}; returns how many rows went in batches. */
    public static long finish(Connection connection) throws SQLException {
        BatchingConnection handler = (BatchingConnection) Proxy.getInvocationHandler(connection);
        handler.flush();
        return handler.sent;
    }

    /** The tables that rows were written to in batches through a connection made by {@link #wrap}. */
    public static Set<String> tables(Connection connection) {
        return Set.copyOf(((BatchingConnection) Proxy.getInvocationHandler(connection)).tables);
    }

    /**
     * Closes the batches' statements, whether or not they were sent, once the batch on its way (if any) has arrived
     * or failed: the connection goes back to its pool only when no other thread uses it.
     */
    public static void close(Connection connection) {
        BatchingConnection handler = (BatchingConnection) Proxy.getInvocationHandler(connection);
        handler.sender.shutdown();
        boolean interrupted = false;
        while (handler.sending != null && !handler.sending.isDone()) {
            try {
                handler.sending.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Batch batch : handler.batches.values()) {
            close(batch.statement);
            if (batch.spare != null) {
                close(batch.spare);
            }
        }
        handler.batches.clear();
    }

    /**
     * Swaps the connection of the transaction in progress on {@code dataSource} for one that batches the one-row writes
     * into tables of the given schemas, until the returned binding is closed; {@code null} when no transaction is in
     * progress there, or its connection batches already.
     */
    public static Binding bind(DataSource dataSource, Set<String> schemas) {
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
        if (holder == null || isBatching(holder.getConnection())) {
            return null;
        }
        Connection batching = wrap(holder.getConnection(), schemas);
        TransactionSynchronizationManager.unbindResource(dataSource);
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(batching, true));
        return new Binding(dataSource, holder, batching);
    }

    /** Whether the connection is one made by {@link #wrap}. */
    public static boolean isBatching(Connection connection) {
        return Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof BatchingConnection;
    }

    /** A transaction's connection swapped for a batching one; closing it swaps the original back. */
    public static final class Binding implements AutoCloseable {

        private final DataSource dataSource;
        private final ConnectionHolder original;
        private final Connection batching;
        private boolean closed;

        private Binding(DataSource dataSource, ConnectionHolder original, Connection batching) {
            this.dataSource = dataSource;
            this.original = original;
            this.batching = batching;
        }

        /** Sends the rows still waiting; returns how many rows went in batches through this binding. */
        public long finish() throws SQLException {
            return BatchingConnection.finish(batching);
        }

        /** The tables rows were written to in batches. */
        public Set<String> tables() {
            return BatchingConnection.tables(batching);
        }

        /** Drops what was not sent and gives the transaction its own connection back. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            BatchingConnection.close(batching);
            TransactionSynchronizationManager.unbindResource(dataSource);
            TransactionSynchronizationManager.bindResource(dataSource, original);
        }
    }

    /** A statement's text as read once: batched if it writes one row into a table of the schemas batched here. */
    private Sql parse(String text) {
        Sql sql = Sql.parse(text);
        if (sql.table != null && schemas != null
                && (sql.table.indexOf('.') < 0 || !schemas.contains(sql.table.substring(0, sql.table.indexOf('.'))))) {
            return new Sql(sql.text, sql.lowerCase, null, null);
        }
        return sql;
    }

    private static void close(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the connection goes back to the pool, which closes what is left
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        Sql sql = name.startsWith("prepare") && args != null && args.length >= 1 && args[0] instanceof String text
                ? parsed.computeIfAbsent(text, this::parse) : null;
        if (sql != null && sql.table != null && args.length == 1 && name.equals("prepareStatement")) {
            return batched((Connection) proxy, sql);
        }
        // nothing else uses the connection while a batch is on its way
        arrived();
        if (name.equals("unwrap") || name.equals("isWrapperFor") || name.equals("getMetaData")
                || name.equals("getAutoCommit") || name.equals("isClosed") || name.equals("isReadOnly")
                || name.equals("getTransactionIsolation") || name.equals("getWarnings") || name.equals("clearWarnings")
                || name.equals("hashCode") || name.equals("equals") || name.equals("toString")) {
            return call(target, method, args);
        }
        // a statement that names a table with waiting rows may read or change them: they go first
        if (sql == null || touchesWaiting(sql)) {
            flush();
        }
        return call(target, method, args);
    }

    private PreparedStatement batched(Connection connection, Sql sql) throws SQLException {
        for (Batch other : batches.values()) {
            boolean sameTable = other.sql.table.equals(sql.table);
            if (other.rows > 0 && (sameTable ? other.sql != sql : sql.lowerCase.contains(other.sql.bareTable))) {
                flush();
                break;
            }
        }
        Batch batch = batches.get(sql.text);
        if (batch == null) {
            arrived();
            batch = new Batch(sql, target.prepareStatement(sql.text));
            batches.put(sql.text, batch);
            tables.add(sql.table);
        }
        Batch current = batch;
        return (PreparedStatement) Proxy.newProxyInstance(BatchingConnection.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    // the prepared statement's own execution is batched; the Statement forms that take SQL text run
                    // at once, after the waiting rows
                    case "executeUpdate", "execute" -> args == null ? add(current, method.getReturnType())
                            : direct(current, method, args);
                    case "executeLargeUpdate" -> {
                        if (args != null) {
                            yield direct(current, method, args);
                        }
                        add(current, int.class);
                        yield (long) Statement.SUCCESS_NO_INFO;
                    }
                    case "close", "clearWarnings", "getWarnings" -> null;
                    case "isClosed" -> false;
                    case "getUpdateCount" -> Statement.SUCCESS_NO_INFO;
                    case "getLargeUpdateCount" -> (long) Statement.SUCCESS_NO_INFO;
                    case "getConnection" -> connection;
                    case "executeQuery", "executeBatch", "executeLargeBatch" -> direct(current, method, args);
                    default -> call(current.statement, method, args);
                });
    }

    private Object direct(Batch batch, Method method, Object[] args) throws Throwable {
        flush();
        return call(batch.statement, method, args);
    }

    /** Whether the SQL names a table with waiting rows (by its bare name, so an unqualified reference counts too). */
    private boolean touchesWaiting(Sql sql) {
        if (waiting == 0) {
            return false;
        }
        for (Batch batch : batches.values()) {
            if (batch.rows > 0 && sql.lowerCase.contains(batch.sql.bareTable)) {
                return true;
            }
        }
        return false;
    }

    private Object add(Batch batch, Class<?> returnType) throws SQLException {
        batch.statement.addBatch();
        batch.rows++;
        if (++waiting >= BATCH_SIZE) {
            send();
        }
        return returnType == boolean.class ? Boolean.FALSE : (Object) Statement.SUCCESS_NO_INFO;
    }

    /** Hands the waiting rows to the sending thread, each batch's next rows going to its other statement. */
    private void send() throws SQLException {
        arrived();
        List<PreparedStatement> full = new ArrayList<>();
        for (Batch batch : batches.values()) {
            if (batch.rows > 0) {
                PreparedStatement filled = batch.statement;
                batch.statement = batch.spare != null ? batch.spare : target.prepareStatement(batch.sql.text);
                batch.spare = filled;
                full.add(filled);
                sent += batch.rows;
                batch.rows = 0;
            }
        }
        waiting = 0;
        sending = sender.submit(() -> {
            for (PreparedStatement statement : full) {
                statement.executeBatch();
            }
            return null;
        });
    }

    /** Waits for the batch on its way, if any; its failure is this step's. */
    private void arrived() throws SQLException {
        Future<?> current = sending;
        if (current == null) {
            return;
        }
        sending = null;
        try {
            current.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending = current; // still on its way: closing waits for it
            throw new SQLException("Interrupted while a batch of rows was being sent", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException failure ? failure
                    : new SQLException("A batch of rows failed: " + e.getCause(), e.getCause());
        }
    }

    private void flush() throws SQLException {
        arrived();
        if (waiting == 0) {
            return;
        }
        for (Batch batch : batches.values()) {
            if (batch.rows > 0) {
                batch.statement.executeBatch();
                sent += batch.rows;
                batch.rows = 0;
            }
        }
        waiting = 0;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * A statement's text as the batching reads it, parsed once per text: the table of a batchable write (else
     * {@code null}), its bare name, and the text in lower case for finding the tables a statement names.
     */
    private record Sql(String text, String lowerCase, String table, String bareTable) {

        static Sql parse(String text) {
            Matcher batchable = BATCHABLE.matcher(text);
            String table = null;
            if (batchable.find() && !RETURNING.matcher(text).find()) {
                String named = batchable.group(1) != null ? batchable.group(1) : batchable.group(2);
                table = named.replace("\"", "").toLowerCase(Locale.ROOT);
            }
            return new Sql(text, text.toLowerCase(Locale.ROOT), table,
                    table == null ? null : table.substring(table.lastIndexOf('.') + 1));
        }
    }

    private static final class Batch {
        private final Sql sql;
        /** The statement rows are added to; the other one ({@code spare}) may be on its way meanwhile. */
        private PreparedStatement statement;
        private PreparedStatement spare;
        private int rows;

        Batch(Sql sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }
    }
}
