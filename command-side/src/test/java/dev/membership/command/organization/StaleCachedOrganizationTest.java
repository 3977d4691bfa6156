package dev.membership.command.organization;

import static dev.membership.command.organization.OrganizationTestData.ADMIN;
import static dev.membership.command.organization.OrganizationTestData.ADMIN_USER_ID;
import static dev.membership.command.organization.OrganizationTestData.INVITEE_ACTOR;
import static dev.membership.command.organization.OrganizationTestData.NOW;
import static dev.membership.command.organization.OrganizationTestData.ORG;
import static dev.membership.command.organization.OrganizationTestData.OWNER_ACTOR;
import static dev.membership.command.organization.OrganizationTestData.TTL;
import static dev.membership.command.organization.OrganizationTestData.USER;
import static dev.membership.command.organization.OrganizationTestData.admin;
import static dev.membership.command.organization.OrganizationTestData.created;
import static dev.membership.command.organization.OrganizationTestData.event;
import static dev.membership.command.organization.OrganizationTestData.owner;
import static dev.membership.command.organization.OrganizationTestData.refusal;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.membership.api.invitation.AcceptInvitationCommand;
import dev.membership.api.membership.UpdateUserRolesCommand;
import dev.membership.api.membership.UserRolesUpdatedEvent;
import dev.membership.api.shared.ErrorCode;
import dev.membership.command.config.CachedAggregates;
import dev.membership.command.config.CachedAggregates.StaleAggregateException;
import dev.membership.command.invitation.InvitationPolicy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With nodes sharing a database, an organization that answers a command without changing (nothing to change, or a
 * refusal) is compared with the store, and one that another node changed since fails as stale, so that the command
 * runs again on the stored state. A command that changes it is left to the store, which refuses its event's sequence
 * number if another node took it: no look-up.
 */
class StaleCachedOrganizationTest {

    /** The version of the organization after the given events: created, owner, admin. */
    private static final long VERSION = 2;

    private final EventStore store = mock(EventStore.class);
    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void sharedDatabase() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(new OrganizationTestData.FakePersonDirectory());
        fixture.registerInjectableResource(new CachedAggregates(store, true));
        fixture.registerInjectableResource(new InvitationPolicy(TTL, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void aCommandThatChangesTheOrganization_looksNothingUp() {
        storeHolds(VERSION + 1);

        fixture.given(created(), owner(), admin())
                .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(USER), OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserRolesUpdatedEvent.class, e -> e.roleIds().equals(List.of(USER))), andNoMore())));
        verify(store, never()).lastSequenceNumberFor(anyString());
    }

    @Test
    void aCommandWithNothingToChange_onACurrentOrganization_isAnswered() {
        storeHolds(VERSION);

        fixture.given(created(), owner(), admin())
                .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(ADMIN), OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        verify(store).lastSequenceNumberFor(ORG.toString());
    }

    @Test
    void aCommandWithNothingToChange_onAStaleOrganization_failsAsStale() {
        storeHolds(VERSION + 1);

        fixture.given(created(), owner(), admin())
                .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(ADMIN), OWNER_ACTOR))
                .expectNoEvents()
                .expectException(StaleAggregateException.class);
    }

    @Test
    void aRefusalOnACurrentOrganization_isAnswered() {
        storeHolds(VERSION);

        fixture.given(created(), owner(), admin())
                .when(new AcceptInvitationCommand(ORG, UUID.randomUUID(), INVITEE_ACTOR))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.INVITATION_NOT_FOUND));
    }

    @Test
    void aRefusalOnAStaleOrganization_failsAsStale_insteadOfAnsweringFromTheOldState() {
        storeHolds(VERSION + 1); // the other node may have sent the invitation

        fixture.given(created(), owner(), admin())
                .when(new AcceptInvitationCommand(ORG, UUID.randomUUID(), INVITEE_ACTOR))
                .expectNoEvents()
                .expectException(StaleAggregateException.class);
    }

    private void storeHolds(long lastSequenceNumber) {
        when(store.lastSequenceNumberFor(ORG.toString())).thenReturn(Optional.of(lastSequenceNumber));
    }
}
