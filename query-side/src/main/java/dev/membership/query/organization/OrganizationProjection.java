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
import dev.membership.query.DueInvitations;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read model of organizations with maintained member and invitation counts ({@code read.organization_v1}).
 *
 * <p>In a replay the counts of a transaction are added up per organization and each row is written once, just
 * before the commit: a rebuild replays the whole store in one transaction, where updating one row once per event
 * makes every update walk past the versions the earlier ones left.
 */
@Component
@ProcessingGroup("organizations")
class OrganizationProjection {

    private final JdbcClient jdbc;
    /** The key of a transaction's {@link ReplayedCounts} among its resources. */
    private final Object replayedCountsKey = new Object();

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
    void on(MemberAddedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        count(event.organizationId(), 1, 0, sequence, replay);
    }

    @EventHandler
    void on(UserInvitedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        count(event.organizationId(), 0, 1, sequence, replay);
    }

    @EventHandler
    void on(InvitationAcceptedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        count(event.organizationId(), 1, -1, sequence, replay);
    }

    @EventHandler
    void on(UserRemovedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        count(event.organizationId(), -1, 0, sequence, replay);
    }

    @EventHandler
    void on(InvitationRevokedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        count(event.organizationId(), 0, -1, sequence, replay);
    }

    @EventHandler
    void on(InvitationExpiredEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        count(event.organizationId(), 0, -1, sequence, replay);
    }

    /** The organization with its kept counts, less its invitations past their time that the sweep has not ended. */
    @QueryHandler
    Optional<OrganizationView> handle(FindOrganizationQuery query) {
        return jdbc.sql("SELECT o.organization_id, o.name, o.created_at, o.member_count,"
                        + " GREATEST(0, o.invitation_count - (" + DueInvitations.COUNT + ")) AS invitation_count"
                        + " FROM read.organization_v1 o WHERE o.organization_id = :org")
                .param("org", query.organizationId())
                .query((rs, row) -> new OrganizationView(rs.getObject("organization_id", UUID.class), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(), rs.getLong("member_count"), rs.getLong("invitation_count")))
                .optional();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read.organization_v1").update();
    }

    /**
     * Adjusts the counts once per event: the sequence guard makes a repeated event a no-op. A replayed event inside
     * a transaction only adds to that transaction's {@link ReplayedCounts}.
     */
    private void count(UUID organizationId, int members, int invitations, long sequence, ReplayStatus replay) {
        if (replay.isReplay() && TransactionSynchronizationManager.isSynchronizationActive()) {
            replayedCounts().add(organizationId, members, invitations, sequence);
            return;
        }
        update(organizationId, members, invitations, sequence, sequence);
    }

    private void update(UUID organizationId, long members, long invitations, long firstSequence, long lastSequence) {
        jdbc.sql("""
                        UPDATE read.organization_v1
                        SET member_count = member_count + :members, invitation_count = invitation_count + :invitations,
                            last_sequence = :last
                        WHERE organization_id = :id AND last_sequence < :first""")
                .param("members", members)
                .param("invitations", invitations)
                .param("last", lastSequence)
                .param("id", organizationId)
                .param("first", firstSequence)
                .update();
    }

    /** This transaction's replayed counts; the first call registers their writing before the commit. */
    private ReplayedCounts replayedCounts() {
        ReplayedCounts counts = (ReplayedCounts) TransactionSynchronizationManager.getResource(replayedCountsKey);
        if (counts == null) {
            ReplayedCounts created = new ReplayedCounts();
            TransactionSynchronizationManager.bindResource(replayedCountsKey, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    created.byOrganization.forEach((organizationId, count) ->
                            update(organizationId, count.members, count.invitations, count.firstSequence,
                                    count.lastSequence));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(replayedCountsKey);
                }
            });
            counts = created;
        }
        return counts;
    }

    /** Count changes of replayed events per organization, from the first replayed sequence number to the last. */
    private static final class ReplayedCounts {

        private final Map<UUID, Count> byOrganization = new LinkedHashMap<>();

        void add(UUID organizationId, int members, int invitations, long sequence) {
            Count count = byOrganization.computeIfAbsent(organizationId, id -> new Count(sequence));
            if (sequence > count.lastSequence) {
                count.members += members;
                count.invitations += invitations;
                count.lastSequence = sequence;
            }
        }
    }

    private static final class Count {
        private final long firstSequence;
        private long lastSequence;
        private long members;
        private long invitations;

        Count(long firstSequence) {
            this.firstSequence = firstSequence;
            this.lastSequence = firstSequence - 1;
        }
    }
}
