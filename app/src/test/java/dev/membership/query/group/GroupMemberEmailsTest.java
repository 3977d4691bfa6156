package dev.membership.query.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A group's member rows keep each member's email for its pages in email order. A directory link invites the people
 * it names and adds them to the group in one transaction, and each read model handles that transaction's events in
 * turn, in an order Axon does not promise: the group's rows get the newcomers' emails whichever goes first.
 */
class GroupMemberEmailsTest extends ApiTestSupport {

    @Autowired
    private Configuration axon;
    @Autowired
    private PlatformTransactionManager transactions;

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"groups", "members"})
    void aNewcomerInvitedAndAddedToAGroupInOneTransaction_keepsTheirEmailInTheGroup_whicheverReadModelGoesFirst(
            String first) {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        UUID group = UUID.fromString(http.as(TestTokens.user(owner))
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"Geo\"}").json().get("id").asText());
        UUID invitation = UUID.randomUUID();
        String newcomer = email("New.Comer");
        Instant now = Instant.now();
        List<EventMessage<?>> transaction = List.of(
                new GenericDomainEventMessage<>("Organization", org.toString(), 1000, new UserInvitedEvent(org, invitation,
                        UUID.randomUUID(), newcomer, List.of(), owner, now, now.plus(Duration.ofDays(14)))),
                new GenericDomainEventMessage<>("Group", group.toString(), 1000,
                        new GroupMembersReplacedEvent(group, org, List.of(invitation), List.of())));
        List<String> order = first.equals("groups") ? List.of("groups", "members") : List.of("members", "groups");

        List<String> kept = new TransactionTemplate(transactions).execute(status -> {
            for (String readModel : order) {
                EventHandlerInvoker invoker = ((AbstractEventProcessor) axon.eventProcessingConfiguration()
                        .eventProcessor(readModel).orElseThrow()).eventHandlerInvoker();
                // one unit of work for the whole transaction's events, as a subscribing read model gets them
                DefaultUnitOfWork.startAndGet(transaction.get(0)).execute(() -> {
                    for (EventMessage<?> event : transaction) {
                        try {
                            invoker.handle(event, Segment.ROOT_SEGMENT);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            List<String> emails = jdbc.sql("SELECT email_key FROM read.group_member_v1 WHERE group_id = :group AND membership_id = :id")
                    .param("group", group).param("id", invitation).query((row, n) -> row.getString(1)).list();
            status.setRollbackOnly(); // the events are not in the store: the read models keep nothing of them
            return emails;
        });

        assertThat(kept).containsExactly(newcomer.toLowerCase(Locale.ROOT));
    }
}
