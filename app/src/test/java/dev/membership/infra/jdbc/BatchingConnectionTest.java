package dev.membership.infra.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class BatchingConnectionTest {

    private static final String INSERT_MEMBER = "INSERT INTO read.member_v1 (id) VALUES (?) ON CONFLICT DO NOTHING";
    private static final String UPSERT_MEMBER = "INSERT INTO read.member_v1 (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET id = ?";
    private static final String INSERT_ROUTE = "insert into read.invitation_route_v1 (id) values (?)";
    private static final String SELECT = "SELECT id FROM read.member_v1";
    private static final String INSERT_SELECT = "INSERT INTO read.group_member_v1 (id) SELECT id FROM read.member_v1";
    private static final String UPDATE_ORG = "UPDATE read.organization_v1 SET member_count = member_count + ? WHERE id = 1";
    private static final String UPDATE_RETURNING = "UPDATE read.organization_v1 SET member_count = ? RETURNING member_count";
    private static final String SELECT_ORG = "SELECT member_count FROM read.organization_v1";
    private static final String UPDATE_MEMBER = "UPDATE read.member_v1 SET id = ? WHERE id = 1";

    private final Connection target = mock(Connection.class);
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection batching;

    @BeforeEach
    void wrap() throws SQLException {
        for (String sql : new String[] {INSERT_MEMBER, UPSERT_MEMBER, INSERT_ROUTE, SELECT, INSERT_SELECT,
                UPDATE_ORG, UPDATE_RETURNING, SELECT_ORG, UPDATE_MEMBER}) {
            PreparedStatement statement = mock(PreparedStatement.class);
            when(statement.executeBatch()).thenReturn(new int[0]);
            when(target.prepareStatement(sql)).thenReturn(statement);
            statements.put(sql, statement);
        }
        batching = BatchingConnection.wrap(target);
    }

    @Test
    void insertsWaitInBatches_andGoBeforeAQuery() throws SQLException {
        for (int i = 0; i < 3; i++) {
            insert(INSERT_MEMBER, i);
            insert(INSERT_ROUTE, i);
        }
        verify(statements.get(INSERT_MEMBER), never()).executeBatch();
        verify(statements.get(INSERT_MEMBER), never()).executeUpdate();
        verify(target, times(1)).prepareStatement(INSERT_MEMBER);

        batching.prepareStatement(SELECT);

        InOrder order = inOrder(statements.get(INSERT_MEMBER), statements.get(INSERT_ROUTE), target);
        order.verify(statements.get(INSERT_MEMBER)).executeBatch();
        order.verify(statements.get(INSERT_ROUTE)).executeBatch();
        order.verify(target).prepareStatement(SELECT);
        verify(statements.get(INSERT_MEMBER), times(3)).addBatch();
        verify(statements.get(INSERT_MEMBER)).setObject(1, 2); // parameters reach the real statement
    }

    @Test
    void writesIntoTablesOfOtherSchemas_runAtOnce_withTheirRowCounts() throws SQLException {
        String updateToken = "UPDATE token_entry SET token = ? WHERE processor_name = ?";
        PreparedStatement token = mock(PreparedStatement.class);
        when(token.executeUpdate()).thenReturn(1);
        when(target.prepareStatement(updateToken)).thenReturn(token);
        Connection readModelsOnly = BatchingConnection.wrap(target, BatchingConnection.PROJECTION_SCHEMAS);
        readModelsOnly.prepareStatement(INSERT_MEMBER).executeUpdate();

        assertThat(readModelsOnly.prepareStatement(updateToken).executeUpdate()).isEqualTo(1);
        verify(token).executeUpdate();
        verify(statements.get(INSERT_MEMBER), never()).executeUpdate();
        verify(statements.get(INSERT_MEMBER)).addBatch();
    }

    @Test
    void anotherStatementIntoTheSameTableSendsTheWaitingRowsFirst_soRowsOfOneTableKeepTheirOrder() throws SQLException {
        insert(INSERT_MEMBER, 1);
        insert(INSERT_ROUTE, 1);
        verify(statements.get(INSERT_MEMBER), never()).executeBatch();

        insert(UPSERT_MEMBER, 1);

        InOrder order = inOrder(statements.get(INSERT_MEMBER), statements.get(UPSERT_MEMBER));
        order.verify(statements.get(INSERT_MEMBER)).executeBatch();
        order.verify(statements.get(UPSERT_MEMBER)).addBatch();
        verify(statements.get(INSERT_ROUTE)).executeBatch();
    }

    @Test
    void aFullBatchIsSentWhileTheNextRowsFillASecondStatement_andFinishSendsThemAfterIt() throws Exception {
        PreparedStatement first = statements.get(INSERT_ROUTE);
        PreparedStatement second = secondStatementFor(INSERT_ROUTE);
        CountDownLatch release = new CountDownLatch(1);
        List<String> sent = new CopyOnWriteArrayList<>();
        holdBatch(first, release, sent, "first");
        when(second.executeBatch()).thenAnswer(invocation -> {
            sent.add("second");
            return new int[0];
        });

        for (int i = 0; i < BatchingConnection.BATCH_SIZE + 5; i++) {
            insert(INSERT_ROUTE, i); // the rows after a full batch do not wait for it to arrive
        }
        verify(first, times(BatchingConnection.BATCH_SIZE)).addBatch();
        verify(second, times(5)).addBatch();
        assertThat(sent).isEmpty();

        release.countDown();
        assertThat(BatchingConnection.finish(batching)).isEqualTo(BatchingConnection.BATCH_SIZE + 5);
        assertThat(sent).containsExactly("first", "second");
        BatchingConnection.close(batching);
        verify(first).close();
        verify(second).close();
    }

    @Test
    void aQueryWaitsForTheBatchOnItsWay() throws Exception {
        PreparedStatement first = statements.get(INSERT_ROUTE);
        secondStatementFor(INSERT_ROUTE);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        holdBatch(first, release, order, "batch arrived");
        when(target.prepareStatement(SELECT_ORG)).thenAnswer(invocation -> {
            order.add("query prepared");
            return mock(PreparedStatement.class);
        });
        for (int i = 0; i < BatchingConnection.BATCH_SIZE; i++) {
            insert(INSERT_ROUTE, i);
        }

        Thread releaser = releaseSoon(release);
        batching.prepareStatement(SELECT_ORG); // names no waiting table, but the connection is in use until then
        releaser.join();

        assertThat(order).containsExactly("batch arrived", "query prepared");
    }

    @Test
    void aBatchThatFailedOnItsWayFailsTheNextStep() throws SQLException {
        BatchUpdateException refused = new BatchUpdateException("duplicate key", new int[0]);
        when(statements.get(INSERT_ROUTE).executeBatch()).thenThrow(refused);
        secondStatementFor(INSERT_ROUTE);
        for (int i = 0; i < BatchingConnection.BATCH_SIZE; i++) {
            insert(INSERT_ROUTE, i);
        }

        assertThatThrownBy(() -> BatchingConnection.finish(batching)).isSameAs(refused);
    }

    @Test
    void closingWaitsForTheBatchOnItsWayBeforeClosingItsStatements() throws Exception {
        PreparedStatement first = statements.get(INSERT_ROUTE);
        PreparedStatement second = secondStatementFor(INSERT_ROUTE);
        CountDownLatch release = new CountDownLatch(1);
        holdBatch(first, release, new CopyOnWriteArrayList<>(), "first");
        for (int i = 0; i < BatchingConnection.BATCH_SIZE; i++) {
            insert(INSERT_ROUTE, i);
        }
        releaseSoon(release);

        BatchingConnection.close(batching);

        InOrder order = inOrder(first, second);
        order.verify(first).executeBatch();
        order.verify(first).close();
        verify(second).close();
    }

    @Test
    void aBatchedInsertReportsNoCount_andClosingItKeepsTheBatchOpen() throws SQLException {
        PreparedStatement insert = batching.prepareStatement(INSERT_ROUTE);
        assertThat(insert.executeUpdate()).isEqualTo(java.sql.Statement.SUCCESS_NO_INFO);
        insert.close();
        verify(statements.get(INSERT_ROUTE), never()).close();
        verify(target, never()).prepareStatement(anyString(), org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void anInsertFromASelectRunsAtOnceAfterTheWaitingRowsItReads_andCountsItsRows() throws SQLException {
        insert(INSERT_MEMBER, 1);
        when(statements.get(INSERT_SELECT).executeUpdate()).thenReturn(7);

        assertThat(batching.prepareStatement(INSERT_SELECT).executeUpdate()).isEqualTo(7);

        InOrder order = inOrder(statements.get(INSERT_MEMBER), statements.get(INSERT_SELECT));
        order.verify(statements.get(INSERT_MEMBER)).executeBatch();
        order.verify(statements.get(INSERT_SELECT)).executeUpdate();
    }

    @Test
    void aQueryOfAnotherTableRunsWithoutSendingTheWaitingRows_butOneNamingTheirTableBareSendsThem() throws SQLException {
        String other = "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?";
        String bare = "UPDATE invitation_route_v1 SET id = ?";
        when(target.prepareStatement(other)).thenReturn(mock(PreparedStatement.class));
        when(target.prepareStatement(bare)).thenReturn(mock(PreparedStatement.class));
        insert(INSERT_ROUTE, 1);

        batching.prepareStatement(other);
        verify(statements.get(INSERT_ROUTE), never()).executeBatch();

        batching.prepareStatement(bare);
        verify(statements.get(INSERT_ROUTE)).executeBatch();
    }

    @Test
    void aCommitSendsTheWaitingRowsFirst() throws SQLException {
        insert(INSERT_ROUTE, 1);

        batching.commit();

        InOrder order = inOrder(statements.get(INSERT_ROUTE), target);
        order.verify(statements.get(INSERT_ROUTE)).executeBatch();
        order.verify(target).commit();
    }

    @Test
    void textGivenToABatchedStatementRunsAtOnce_afterTheWaitingRows() throws SQLException {
        insert(INSERT_ROUTE, 1);
        PreparedStatement statement = batching.prepareStatement(INSERT_ROUTE);
        when(statements.get(INSERT_ROUTE).executeUpdate("DELETE FROM read.invitation_route_v1")).thenReturn(1);

        assertThat(statement.executeUpdate("DELETE FROM read.invitation_route_v1")).isEqualTo(1);

        InOrder order = inOrder(statements.get(INSERT_ROUTE));
        order.verify(statements.get(INSERT_ROUTE)).executeBatch();
        order.verify(statements.get(INSERT_ROUTE)).executeUpdate("DELETE FROM read.invitation_route_v1");
    }

    @Test
    void updatesWaitInBatchesToo_inTheirOrder_andGoBeforeAQueryOfTheirTable() throws SQLException {
        for (int i = 1; i <= 3; i++) {
            insert(UPDATE_ORG, i);
            insert(INSERT_ROUTE, i);
        }
        verify(statements.get(UPDATE_ORG), never()).executeUpdate();
        verify(statements.get(UPDATE_ORG), never()).executeBatch();
        batching.prepareStatement(SELECT); // a table without waiting rows: the updates keep waiting
        verify(statements.get(UPDATE_ORG), never()).executeBatch();

        batching.prepareStatement(SELECT_ORG);

        InOrder order = inOrder(statements.get(UPDATE_ORG), target);
        order.verify(statements.get(UPDATE_ORG)).setObject(1, 1);
        order.verify(statements.get(UPDATE_ORG)).setObject(1, 2);
        order.verify(statements.get(UPDATE_ORG)).setObject(1, 3);
        order.verify(statements.get(UPDATE_ORG)).executeBatch();
        order.verify(target).prepareStatement(SELECT_ORG);
        verify(statements.get(UPDATE_ORG), times(3)).addBatch();
    }

    @Test
    void anUpdateAfterInsertsIntoItsTableSendsThemFirst_andAnUpdateReturningRowsRunsAtOnce() throws SQLException {
        insert(INSERT_MEMBER, 1);
        insert(UPDATE_MEMBER, 2);

        InOrder inserted = inOrder(statements.get(INSERT_MEMBER), statements.get(UPDATE_MEMBER));
        inserted.verify(statements.get(INSERT_MEMBER)).executeBatch();
        inserted.verify(statements.get(UPDATE_MEMBER)).addBatch();

        insert(UPDATE_ORG, 1);
        batching.prepareStatement(UPDATE_RETURNING);

        InOrder order = inOrder(statements.get(UPDATE_ORG), target);
        order.verify(statements.get(UPDATE_ORG)).executeBatch();
        order.verify(target).prepareStatement(UPDATE_RETURNING);
    }

    /** Sending the statement's batch waits for the latch, then notes its arrival in the log. */
    private static void holdBatch(PreparedStatement statement, CountDownLatch release, List<String> log, String arrival)
            throws SQLException {
        when(statement.executeBatch()).thenAnswer(invocation -> {
            release.await(10, TimeUnit.SECONDS);
            log.add(arrival);
            return new int[0];
        });
    }

    /** Opens the latch a little later from another thread, while this one waits for what it holds. */
    private static Thread releaseSoon(CountDownLatch release) {
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        return releaser;
    }

    /** The statement a second {@code prepareStatement} of the text returns: the one rows fill while the first is sent. */
    private PreparedStatement secondStatementFor(String sql) throws SQLException {
        PreparedStatement second = mock(PreparedStatement.class);
        when(second.executeBatch()).thenReturn(new int[0]);
        when(target.prepareStatement(sql)).thenReturn(statements.get(sql), second);
        return second;
    }

    private void insert(String sql, int value) throws SQLException {
        PreparedStatement statement = batching.prepareStatement(sql);
        statement.setObject(1, value);
        statement.executeUpdate();
        statement.close();
    }
}
