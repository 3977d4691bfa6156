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
 * Changes back and forth within one millisecond (the event store's precision): roles Admin, Auditor, Admin, Auditor
 * all at one instant. The last role holds from then on; the third change's period used to be dropped as a duplicate
 * of the first's, and "as of" showed the member with no role at all.
 */
class SameMillisecondPeriodsTest extends ApiTestSupport {

    @Autowired
    private TemporalRepository periods;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void rolesChangedBackAndForthWithinOneMillisecond_endWithTheLastOne() {
        UUID org = UUID.randomUUID();
        UUID membership = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        UUID auditor = UUID.randomUUID();
        Instant joined = Instant.parse("2026-03-01T10:00:00Z");
        Instant busy = Instant.parse("2026-03-01T11:00:00.123Z");
        // written and read in one transaction, rolled back: the made-up periods stay out of the read models
        TransactionStatus written = transactions.getTransaction(new DefaultTransactionDefinition());
        periods.openMembership(org, membership, UUID.randomUUID(), "swinging@acme.test", "accepted", joined, null);
        periods.openRoles(org, membership, List.of(admin), joined);
        UUID held = admin;
        for (UUID next : List.of(auditor, admin, auditor)) {
            periods.closeRoles(membership, List.of(held), busy);
            periods.openRoles(org, membership, List.of(next), busy);
            held = next;
        }

        List<MemberAsOf> then = periods.membersAsOf(org, busy);
        List<MemberAsOf> before = periods.membersAsOf(org, busy.minusMillis(1));
        transactions.rollback(written);

        assertThat(then).singleElement().satisfies(member -> assertThat(member.roleIds()).containsExactly(auditor));
        assertThat(before).singleElement().satisfies(member -> assertThat(member.roleIds()).containsExactly(admin));
    }
}
