package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.api.audit.AuditEntry;
import dev.membership.api.audit.AuditPage;
import dev.membership.api.audit.FindAuditEntriesQuery;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What bounds a page of the audit log besides its limit. It takes entries while it holds less than its byte budget
 * (its first entry always) and names where the next page starts; paged on, the log reads whole and in order. Entries
 * grow with what their events carry (a replacement of 10,000 group members is some 0.8 MB), so a page of 1,000 could
 * otherwise fill the heap. A page filtered by actor, type or time checks the log entry by entry, so it looks at a
 * bounded stretch of it: a filter that matches little of a long log answers pages with few or no entries and a next
 * position, rather than one request reading the whole log; paged on, it finds every matching entry, in order. A
 * filter by time skips the entries too old for it and stops where they are too young, taking entries to be logged in
 * the order of their times within a margin.
 */
class AuditPageBoundsTest extends ApiTestSupport {

    private static final Duration MARGIN = Duration.ofMinutes(10);

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
        AuditRepository budgeted = repository(1, 100_000);

        List<AuditPage> pages = walk(budgeted, FindAuditEntriesQuery.all(org, 0, 1000));
        List<AuditEntry> read = entries(pages);
        List<Integer> sizes = sizes(pages);

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
        AuditRepository budgeted = repository(1, 100_000);

        AuditPage smaller = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000).withMaxBytes(1));
        AuditPage whole = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000).withMaxBytes(0));
        AuditPage notLarger = budgeted.page(FindAuditEntriesQuery.all(org, 0, 1000).withMaxBytes(1 << 30));

        assertThat(whole.items()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(whole.next()).isNull();
        assertThat(smaller.items()).hasSize(1);
        assertThat(smaller.next()).isEqualTo(whole.items().get(0).position());
        assertThat(notLarger.items()).hasSize(1);
    }

    @Test
    void aFilteredPageLooksAtABoundedStretchOfTheLog_andPagingOnFindsEveryMatch() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        for (int i = 0; i < 4; i++) {
            invite(org, owner, email("invitee"), "User");
        }
        http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups", "{\"name\": \"Late\"}");
        awaitAudit();
        FindAuditEntriesQuery groupsCreated = new FindAuditEntriesQuery(org, 0, 100, null, List.of(), "GroupCreatedEvent",
                null, null);
        List<AuditEntry> whole = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000)).items();
        List<AuditEntry> matching = unbounded.page(groupsCreated).items();
        AuditRepository bounded = repository(8 << 20, 2);

        List<AuditPage> pages = walk(bounded, groupsCreated);
        List<AuditEntry> found = entries(pages);
        List<Integer> sizes = sizes(pages);

        assertThat(whole).hasSizeGreaterThanOrEqualTo(6);
        assertThat(matching).hasSize(1);
        assertThat(found).extracting(AuditEntry::position).containsExactly(matching.get(0).position());
        // two entries looked at per page: as many pages as it takes to walk the log, the early ones empty
        assertThat(sizes).hasSize(whole.size() / 2 + 1);
        assertThat(sizes.get(0)).isZero();
    }

    @Test
    void aPageWithoutFilters_isNotBounded() {
        UUID org = organizationWithInvitations(2);
        AuditRepository bounded = repository(8 << 20, 2);

        AuditPage page = bounded.page(FindAuditEntriesQuery.all(org, 0, 100));

        assertThat(page.items()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(page.next()).isNull();
    }

    @Test
    void aFilteredPageThatFillsItsLimitWithinItsStretch_namesItsLastEntry_andASubjectsPageIsNotBounded() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invitation = invite(org, owner, email("invitee"), "User");
        invite(org, owner, email("invitee"), "User");
        invite(org, owner, email("invitee"), "User");
        awaitAudit();
        AuditRepository bounded = repository(8 << 20, 100);
        AuditRepository narrow = repository(8 << 20, 1);
        List<AuditEntry> invitations = unbounded.page(new FindAuditEntriesQuery(org, 0, 100, null, List.of(),
                "UserInvitedEvent", null, null)).items();

        AuditPage firstTwo = bounded.page(new FindAuditEntriesQuery(org, 0, 2, null, List.of(), "UserInvitedEvent",
                null, null));
        AuditPage aboutOne = narrow.page(new FindAuditEntriesQuery(org, 0, 100, null,
                List.of(UUID.fromString(invitation)), "UserInvitedEvent", null, null));

        assertThat(invitations).hasSize(3);
        assertThat(firstTwo.items()).extracting(AuditEntry::position)
                .containsExactly(invitations.get(0).position(), invitations.get(1).position());
        assertThat(firstTwo.next()).isEqualTo(invitations.get(1).position());
        assertThat(aboutOne.items()).hasSize(1);
        assertThat(aboutOne.next()).isNull();
    }

    @Test
    void aPageFilteredByFrom_startsAmongTheEntriesYoungEnough_withoutWalkingTheOlderOnes() {
        UUID org = organizationWithInvitations(6);
        List<AuditEntry> whole = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000)).items();
        List<AuditEntry> young = whole.subList(whole.size() - 3, whole.size());
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(1));
        occurredAt(whole.subList(0, whole.size() - 3), now.minus(Duration.ofDays(2)));
        // logged out of the order of its time, within the margin: too early for `from`, after the first young entry
        occurredAt(young.subList(1, 2), from.minus(Duration.ofMinutes(5)));
        AuditRepository bounded = repository(8 << 20, 2);

        List<AuditPage> pages = walk(bounded, new FindAuditEntriesQuery(org, 0, 100, null, List.of(), null, from, null));
        List<AuditEntry> first = pages.get(0).items();
        List<AuditEntry> found = entries(pages);

        assertThat(whole).hasSizeGreaterThanOrEqualTo(8);
        // two entries looked at: without the skip they would be the log's first two, both too old
        assertThat(first).extracting(AuditEntry::position).containsExactly(young.get(0).position());
        assertThat(found).extracting(AuditEntry::position)
                .containsExactly(young.get(0).position(), young.get(2).position());
    }

    @Test
    void aPageFilteredByTo_hasNoNextPositionOnceTheEntriesItLooksAtAreYoungerThanItByMoreThanTheMargin() {
        UUID org = organizationWithInvitations(6);
        List<AuditEntry> whole = unbounded.page(FindAuditEntriesQuery.all(org, 0, 1000)).items();
        Instant now = Instant.now();
        occurredAt(whole.subList(0, 4), now.minus(Duration.ofDays(2)));
        AuditRepository bounded = repository(8 << 20, 2);
        Instant to = now.minus(Duration.ofDays(1));

        List<AuditPage> pages = walk(bounded, new FindAuditEntriesQuery(org, 0, 100, null, List.of(), null, null, to));
        List<AuditEntry> found = entries(pages);
        List<Integer> sizes = sizes(pages);

        assertThat(whole).hasSizeGreaterThanOrEqualTo(8);
        assertThat(found).extracting(AuditEntry::position)
                .containsExactlyElementsOf(whole.subList(0, 4).stream().map(AuditEntry::position).toList());
        // the third stretch holds only entries a day younger than `to`: nothing after it can match
        assertThat(sizes).containsExactly(2, 2, 0);
    }

    @Test
    void aTimeOrderMarginBeyondADay_orUnderAMinute_stopsTheServiceFromStarting() {
        assertThatThrownBy(() -> new AuditRepository(jdbc, template, transactions, 1, 1, Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("membership.audit.time-order-margin");
        assertThatThrownBy(() -> new AuditRepository(jdbc, template, transactions, 1, 1, Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("membership.audit.time-order-margin");
    }

    private AuditRepository repository(long pageBytes, int scanEntries) {
        return new AuditRepository(jdbc, template, transactions, pageBytes, scanEntries, MARGIN);
    }

    /** Every page of {@code query}, each asked for from the one before it's {@code next}, until that is null. */
    private static List<AuditPage> walk(AuditRepository repository, FindAuditEntriesQuery query) {
        List<AuditPage> pages = new ArrayList<>();
        AuditPage page = repository.page(query);
        pages.add(page);
        while (page.next() != null) {
            page = repository.page(query.withAfter(page.next()));
            pages.add(page);
        }
        return pages;
    }

    private static List<AuditEntry> entries(List<AuditPage> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).toList();
    }

    private static List<Integer> sizes(List<AuditPage> pages) {
        return pages.stream().map(page -> page.items().size()).toList();
    }

    private UUID organizationWithInvitations(int invitations) {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        for (int i = 0; i < invitations; i++) {
            invite(org, owner, email("invitee"), "User");
        }
        awaitAudit();
        return org;
    }

    private void occurredAt(List<AuditEntry> entries, Instant time) {
        for (AuditEntry entry : entries) {
            template.update("UPDATE read.audit_v1 SET occurred_at = ? WHERE position = ?", Timestamp.from(time),
                    entry.position());
        }
    }
}
