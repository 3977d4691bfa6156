package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.audit.AuditEntry;
import dev.membership.api.audit.AuditPage;
import dev.membership.api.audit.FindAuditEntriesQuery;
import dev.membership.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A page of the audit log takes entries while it holds less than its byte budget (its first entry always), however
 * many its limit allows, and names where the next page starts; paged on, the log reads whole and in order. Entries grow with what
 * their events carry (a replacement of 10,000 group members is some 0.8 MB), so a page of 1,000 could otherwise
 * fill the heap.
 */
class AuditPageBudgetTest extends ApiTestSupport {

    @Autowired
    JdbcTemplate template;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AuditRepository unbounded;

    @Test
    void aPageEndsAtItsByteBudget_andThePagesAfterItReadTheRestInOrder() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        membership(org, owner, email("member"), "User");
        invite(org, owner, email("invitee"), "User");
        awaitAudit();
        List<AuditEntry> whole = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000)).items();
        // a budget of one byte: each page is its first entry, whatever its size
        AuditRepository budgeted = new AuditRepository(jdbc, template, transactions, 1, 100_000);

        List<AuditEntry> read = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        AuditPage page = budgeted.page(FindAuditEntriesQuery.all(org, 0, 1000));
        while (true) {
            read.addAll(page.items());
            sizes.add(page.items().size());
            if (page.next() == null) {
                break;
            }
            page = budgeted.page(FindAuditEntriesQuery.all(org, page.next(), 1000));
        }

        assertThat(whole).hasSizeGreaterThanOrEqualTo(4);
        assertThat(sizes).hasSize(whole.size()).containsOnly(1);
        assertThat(read).extracting(AuditEntry::position).containsExactlyElementsOf(
                whole.stream().map(AuditEntry::position).toList());
    }

    @Test
    void aQueryMayAskForASmallerBudgetThanTheServices_butNotALargerOne() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        membership(org, owner, email("member"), "User");
        awaitAudit();
        AuditRepository budgeted = new AuditRepository(jdbc, template, transactions, 1, 100_000);

        AuditPage smaller = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000).withMaxBytes(1));
        AuditPage whole = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000).withMaxBytes(0));
        AuditPage notLarger = budgeted.page(FindAuditEntriesQuery.all(org, 0, 1000).withMaxBytes(1 << 30));

        assertThat(whole.items()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(whole.next()).isNull();
        assertThat(smaller.items()).hasSize(1);
        assertThat(smaller.next()).isEqualTo(whole.items().get(0).position());
        assertThat(notLarger.items()).hasSize(1);
    }
}
