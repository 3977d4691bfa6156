package dev.membership.command.membership;

import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.UserRemovedEvent;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code lookup.membership_v1} in step with the membership events, in the command's transaction; a pending
 * invitation's row keeps its expiry, for the sweep that ends those that are due.
 */
@Component
@ProcessingGroup("membership-lookup")
class MembershipLookupProjection {

    private final JdbcClient jdbc;

    MembershipLookupProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberAddedEvent event) {
        upsert(event.organizationId(), event.membershipId(), event.email(), "accepted", null);
    }

    @EventHandler
    void on(UserInvitedEvent event) {
        upsert(event.organizationId(), event.invitationId(), event.email(), "pending", event.expiresAt());
    }

    @EventHandler
    void on(InvitationAcceptedEvent event) {
        upsert(event.organizationId(), event.invitationId(), event.email(), "accepted", null);
    }

    @EventHandler
    void on(UserRemovedEvent event) {
        delete(event.membershipId());
    }

    @EventHandler
    void on(InvitationRevokedEvent event) {
        delete(event.invitationId());
    }

    @EventHandler
    void on(InvitationExpiredEvent event) {
        delete(event.invitationId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM lookup.membership_v1").update();
    }

    private void upsert(UUID organizationId, UUID membershipId, String email, String status, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO lookup.membership_v1 (membership_id, organization_id, email, status, expires_at)
                        VALUES (:id, :org, :email, :status, :expiresAt)
                        ON CONFLICT (membership_id) DO UPDATE SET status = EXCLUDED.status, expires_at = EXCLUDED.expires_at""")
                .param("id", membershipId)
                .param("org", organizationId)
                .param("email", email)
                .param("status", status)
                .param("expiresAt", expiresAt == null ? null : Timestamp.from(expiresAt), Types.TIMESTAMP)
                .update();
    }

    private void delete(UUID membershipId) {
        jdbc.sql("DELETE FROM lookup.membership_v1 WHERE membership_id = :id").param("id", membershipId).update();
    }
}
