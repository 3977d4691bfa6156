package dev.membership.query.organization;

import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.organization.FindOrganizationQuery;
import dev.membership.api.organization.OrganizationCreatedEvent;
import dev.membership.api.organization.OrganizationView;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read model of organizations with maintained member and invitation counts ({@code read.organization_v1}). */
@Component
@ProcessingGroup("organizations")
class OrganizationProjection {

    private final JdbcClient jdbc;

    OrganizationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationCreatedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO read.organization_v1 (organization_id, name, created_at, member_count, invitation_count, last_sequence)
                        VALUES (:id, :name, :createdAt, 0, 0, :seq)
                        ON CONFLICT (organization_id) DO UPDATE SET name = EXCLUDED.name, created_at = EXCLUDED.created_at,
                            last_sequence = EXCLUDED.last_sequence""")
                .param("id", event.organizationId())
                .param("name", event.name())
                .param("createdAt", Timestamp.from(event.createdAt()))
                .param("seq", sequence)
                .update();
    }

    @EventHandler
    void on(MemberAddedEvent event, @SequenceNumber long sequence) {
        count(event.organizationId(), "member_count", 1, sequence);
    }

    @EventHandler
    void on(UserInvitedEvent event, @SequenceNumber long sequence) {
        count(event.organizationId(), "invitation_count", 1, sequence);
    }

    @EventHandler
    void on(InvitationAcceptedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        UPDATE read.organization_v1
                        SET member_count = member_count + 1, invitation_count = invitation_count - 1, last_sequence = :seq
                        WHERE organization_id = :id AND last_sequence < :seq""")
                .param("seq", sequence).param("id", event.organizationId()).update();
    }

    @EventHandler
    void on(UserRemovedEvent event, @SequenceNumber long sequence) {
        count(event.organizationId(), "member_count", -1, sequence);
    }

    @EventHandler
    void on(InvitationRevokedEvent event, @SequenceNumber long sequence) {
        count(event.organizationId(), "invitation_count", -1, sequence);
    }

    @EventHandler
    void on(InvitationExpiredEvent event, @SequenceNumber long sequence) {
        count(event.organizationId(), "invitation_count", -1, sequence);
    }

    @QueryHandler
    Optional<OrganizationView> handle(FindOrganizationQuery query) {
        return jdbc.sql("""
                        SELECT organization_id, name, created_at, member_count, invitation_count
                        FROM read.organization_v1 WHERE organization_id = :id""")
                .param("id", query.organizationId())
                .query((rs, row) -> new OrganizationView(rs.getObject("organization_id", UUID.class), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(), rs.getLong("member_count"), rs.getLong("invitation_count")))
                .optional();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read.organization_v1").update();
    }

    /** Adjusts a counter once per event: the sequence guard makes a replayed event a no-op. */
    private void count(UUID organizationId, String column, int delta, long sequence) {
        jdbc.sql("UPDATE read.organization_v1 SET " + column + " = " + column + " + :delta, last_sequence = :seq "
                        + "WHERE organization_id = :id AND last_sequence < :seq")
                .param("delta", delta)
                .param("seq", sequence)
                .param("id", organizationId)
                .update();
    }
}
