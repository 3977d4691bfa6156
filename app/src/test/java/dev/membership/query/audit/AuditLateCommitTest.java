package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An event whose transaction commits after a later event's (concurrent writes to different organizations do this
 * all the time) reaches the audit log at its own position. The tracking token's index is the highest position
 * seen, so it is not the position of an event that fills a gap; keyed by the token, such events were dropped as
 * duplicates of an existing row while the watermark passed them.
 */
class AuditLateCommitTest extends ApiTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void anEventCommittedAfterALaterOneIsLoggedAtItsOwnPosition() throws Exception {
        String eventId = UUID.randomUUID().toString();
        UUID org = UUID.randomUUID();
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long position = insertInvited(late, org, eventId, "late");
            // a later event commits first, and the audit log passes the still open position
            createOrganization(email("owner"));
            awaitRow("position > " + position);

            late.commit();
            awaitRow("position = " + position);
            assertThat(jdbc.sql("SELECT event_id FROM read.audit_v1 WHERE position = :p").param("p", position)
                    .query(String.class).single()).isEqualTo(eventId);
        }
    }

    @Test
    void anEventCommittedAfterMoreThanTenThousandLaterOnes_isStillLogged() throws Exception {
        String eventId = UUID.randomUUID().toString();
        UUID org = UUID.randomUUID();
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long position = insertInvited(late, org, eventId, "late");
            // while it is open, 10,050 events of other writes commit: further than Axon's default gap offset
            UUID others = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                            meta_data, payload, payload_revision, payload_type, time_stamp)
                            SELECT :org, n, 'Organization', gen_random_uuid()::text, convert_to('{}', 'UTF8'),
                                   convert_to(:payload, 'UTF8'), '1', 'dev.membership.api.invitation.UserInvitedEvent', :time
                            FROM generate_series(0, 10049) AS n""")
                    .param("org", others.toString()).param("payload", invited(others, "many"))
                    .param("time", Instant.now().toString()).update();
            awaitRow("position > " + (position + 10_049));

            late.commit();
            awaitRow("position = " + position);
            assertThat(jdbc.sql("SELECT event_id FROM read.audit_v1 WHERE position = :p").param("p", position)
                    .query(String.class).single()).isEqualTo(eventId);
        }
    }

    /** Stores an invitation event on {@code connection}, in its transaction; answers the position it took. */
    private static long insertInvited(Connection connection, UUID org, String eventId, String who) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_INVITED)) {
            insert.setString(1, org.toString());
            insert.setString(2, eventId);
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, invited(org, who).getBytes(StandardCharsets.UTF_8));
            insert.setString(5, Instant.now().toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static final String INSERT_INVITED = """
            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                            meta_data, payload, payload_revision, payload_type, time_stamp)
            VALUES (?, 0, 'Organization', ?, ?, ?, '1', 'dev.membership.api.invitation.UserInvitedEvent', ?)
            RETURNING global_index""";

    private static String invited(UUID org, String who) {
        return """
                {"organizationId":"%s","invitationId":"%s","userId":"%s","email":"%s@acme.test",
                 "roleIds":[],"invitedByEmail":"owner@acme.test","invitedAt":"2026-01-01T12:00:00Z",
                 "expiresAt":"2026-01-15T12:00:00Z"}""".formatted(org, UUID.randomUUID(), UUID.randomUUID(), who);
    }

    private void awaitRow(String condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (jdbc.sql("SELECT count(*) FROM read.audit_v1 WHERE " + condition).query(Long.class).single() == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No audit row with " + condition);
            }
            Thread.sleep(20);
        }
    }
}
