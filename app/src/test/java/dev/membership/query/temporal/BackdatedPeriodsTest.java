package dev.membership.query.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.temporal.MemberAsOf;
import dev.membership.support.ApiTestSupport;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * A policy's command carries its cause's time, so it can be stamped before a change another request committed to the
 * same group or organization while it waited: a member removed at 12:00:02 and re-added by a directory link's follow-up
 * stamped 12:00:01. The two periods overlap between those times; the views list the member, and the role, once.
 */
class BackdatedPeriodsTest extends ApiTestSupport {

    private static final Instant JOINED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant CAUSE = Instant.parse("2026-03-01T12:00:01Z");
    private static final Instant REMOVED = Instant.parse("2026-03-01T12:00:02Z");

    @Autowired
    private TemporalRepository periods;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aGroupMemberReAddedWithAnEarlierTimeThanTheirRemoval_isListedOnceAtEveryInstant() {
        UUID org = UUID.randomUUID();
        UUID group = UUID.randomUUID();
        UUID membership = UUID.randomUUID();
        UUID role = UUID.randomUUID();
        // written and read in one transaction, rolled back: the made-up periods stay out of the read models
        TransactionStatus written = transactions.getTransaction(new DefaultTransactionDefinition());
        periods.openMembership(org, membership, UUID.randomUUID(), "back@acme.test", "accepted", JOINED, null);
        periods.openRoles(org, membership, List.of(role), JOINED);
        periods.openGroup(group, org, JOINED);
        periods.openGroupMembers(group, org, List.of(membership), JOINED);
        periods.closeGroupMembers(group, List.of(membership), REMOVED);
        periods.openGroupMembers(group, org, List.of(membership), CAUSE);
        periods.closeRoles(membership, List.of(role), REMOVED);
        periods.openRoles(org, membership, List.of(role), CAUSE);

        List<MemberAsOf> between = periods.groupMembersAsOf(org, group, CAUSE.plusMillis(500));
        List<MemberAsOf> after = periods.groupMembersAsOf(org, group, REMOVED.plusMillis(500));
        List<MemberAsOf> rolesBetween = periods.membersAsOf(org, CAUSE.plusMillis(500));
        transactions.rollback(written);

        assertThat(between).extracting(MemberAsOf::membershipId).containsExactly(membership);
        assertThat(after).extracting(MemberAsOf::membershipId).containsExactly(membership);
        assertThat(rolesBetween).singleElement().satisfies(member -> assertThat(member.roleIds()).containsExactly(role));
    }
}
