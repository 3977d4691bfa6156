package dev.membership.command.organization;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.InviteUsersResult;
import dev.membership.api.membership.Invitee;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.membership.UserRolesUpdatedEvent;
import dev.membership.api.organization.CreateOrganizationCommand;
import dev.membership.api.organization.OrganizationCreatedEvent;
import dev.membership.api.role.BuiltInRole;
import dev.membership.api.role.RoleDefinition;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.invitation.InvitationPolicy;
import dev.membership.command.person.Person;
import dev.membership.command.person.PersonDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.hamcrest.Matcher;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import static dev.membership.command.organization.OrganizationTestData.*;

import dev.membership.command.organization.OrganizationTestData.FakePersonDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private FixtureConfiguration<Organization> fixture;
    private FakePersonDirectory people;

    @BeforeEach
    void setUp() {
        people = new FakePersonDirectory();
        fixture = OrganizationTestData.fixture(people);
    }

    @Test
    void givenNothing_whenCreateOrganization_thenCatalogueCreatedAndOwnerIsAcceptedMemberWithOwnerRole() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", "owner@acme.test", "Olive Owner", Actor.system()))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(OrganizationCreatedEvent.class, e -> e.organizationId().equals(ORG) && e.name().equals("Acme")
                                && e.roles().stream().map(RoleDefinition::name).toList()
                                        .equals(List.of("Owner", "Admin", "Auditor", "User"))
                                && e.roles().stream().allMatch(r -> !r.permissions().isEmpty())),
                        event(MemberAddedEvent.class, e -> e.email().equals("owner@acme.test")
                                && e.fullName().equals("Olive Owner") && e.roleIds().size() == 1),
                        andNoMore())));
    }

    @Test
    void givenOrganization_whenInviteKnownAndUnknownPeople_thenKnownIsAddedAndUnknownIsInvited() {
        Person known = people.known("bob@other.test", "Bob");
        fixture.given(created(), owner())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("bob@other.test", List.of(USER)),
                        new Invitee("new@acme.test", List.of(ADMIN))), OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(MemberAddedEvent.class, e -> e.userId().equals(known.userId()) && e.fullName().equals("Bob")
                                && e.roleIds().equals(List.of(USER)) && e.joinedAt().equals(NOW)),
                        event(UserInvitedEvent.class, e -> e.email().equals("new@acme.test")
                                && e.invitedByEmail().equals("owner@acme.test") && e.roleIds().equals(List.of(ADMIN))
                                && e.invitedAt().equals(NOW) && e.expiresAt().equals(NOW.plus(Duration.ofDays(14)))),
                        andNoMore())))
                .expectResultMessagePayloadMatching(matches((InviteUsersResult r) ->
                        r.members().size() == 1 && r.invitations().size() == 1));
    }

    @Test
    void givenMember_whenInviteSameEmail_thenAlreadyMemberAndNoEvents() {
        fixture.given(created(), owner())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("owner@acme.test", List.of(USER))), OWNER_ACTOR))
                .expectNoEvents()
                .expectException(MembershipException.class)
                .expectExceptionMessage("Already a member: owner@acme.test");
    }

    @Test
    void givenPendingInvitation_whenInviteSameEmail_thenAlreadyInvitedAndNoEvents() {
        fixture.given(created(), owner(), new UserInvitedEvent(ORG, UUID.randomUUID(), UUID.randomUUID(), "new@acme.test",
                        List.of(USER), "owner@acme.test", NOW, NOW.plus(Duration.ofDays(14))))
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(USER))), OWNER_ACTOR))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.ALREADY_INVITED));
    }

    @Test
    void givenOrganization_whenInviteWithARoleListedTwice_thenTheInvitationHoldsItOnce() {
        fixture.given(created(), owner())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(USER, ADMIN, USER))), OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserInvitedEvent.class, e -> e.roleIds().equals(List.of(USER, ADMIN))),
                        andNoMore())));
    }

    /** An invitation past its expiry, not yet swept, is over: inviting its person again ends it and invites them afresh. */
    @Test
    void givenInvitationPastItsExpiry_whenInviteSameEmail_thenItExpiresAndANewInvitationIsSent() {
        UUID old = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        fixture.given(created(), owner(), new UserInvitedEvent(ORG, old, userId, "new@acme.test",
                        List.of(USER), "owner@acme.test", NOW.minus(Duration.ofDays(15)), NOW.minus(Duration.ofDays(1))))
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(ADMIN))), OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(dev.membership.api.invitation.InvitationExpiredEvent.class,
                                e -> e.invitationId().equals(old) && e.email().equals("new@acme.test")),
                        event(UserInvitedEvent.class, e -> !e.invitationId().equals(old) && e.email().equals("new@acme.test")
                                && e.roleIds().equals(List.of(ADMIN)) && e.expiresAt().equals(NOW.plus(Duration.ofDays(14)))),
                        andNoMore())));
    }

    /** The same holds for people reached through a directory link, who are otherwise answered with what they have. */
    @Test
    void givenInvitationPastItsExpiry_whenEveryoneIsInvited_thenItExpiresAndANewInvitationIsSent() {
        UUID old = UUID.randomUUID();
        fixture.given(created(), owner(), new UserInvitedEvent(ORG, old, UUID.randomUUID(), "new@acme.test",
                        List.of(USER), "owner@acme.test", NOW.minus(Duration.ofDays(14)), NOW))
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of())),
                        dev.membership.api.membership.InvitationMode.INVITE_EVERYONE, OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(dev.membership.api.invitation.InvitationExpiredEvent.class, e -> e.invitationId().equals(old)),
                        event(UserInvitedEvent.class, e -> !e.invitationId().equals(old)),
                        andNoMore())))
                .expectResultMessagePayloadMatching(matches((InviteUsersResult r) ->
                        r.invitations().size() == 1 && r.alreadyThere().isEmpty()));
    }

    @Test
    void givenOrganization_whenInviteWithUnknownRole_thenRoleNotFoundNamingTheRoleAndNoEvents() {
        UUID unknown = UUID.randomUUID();
        fixture.given(created(), owner())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(USER, unknown))), OWNER_ACTOR))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.ROLE_NOT_FOUND
                        && e.invalidParams().size() == 1
                        && e.invalidParams().get(0).name().equals("users[0].roles[1]")));
    }

    @Test
    void givenOrganization_whenSameEmailTwiceInOneRequest_thenInvalidRequestAndNoEvents() {
        fixture.given(created(), owner())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(USER)),
                        new Invitee("new@acme.test", List.of(ADMIN))), OWNER_ACTOR))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.INVALID_REQUEST
                        && e.invalidParams().get(0).name().equals("users[1].email")));
    }

    @Test
    void givenAdmin_whenInviteWithOwnerRole_thenOwnerRequiredAndNoEvents() {
        fixture.given(created(), owner(), admin())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(OWNER))), ADMIN_ACTOR))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.OWNER_REQUIRED));
    }

    /**
     * The caller's standing is checked on the organization as it is when the command runs: a request that was under
     * way when its Admin was removed, or demoted, writes nothing.
     */
    @Test
    void givenAnAdminRemovedMeanwhile_whenTheirInviteRuns_thenNotFoundAndNoEvents() {
        MemberAddedEvent admin = admin();
        fixture.given(created(), owner(), admin, new UserRemovedEvent(ORG,
                        admin.membershipId(), ADMIN_USER_ID, "admin@acme.test", NOW))
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(ADMIN))), ADMIN_ACTOR))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.ORGANIZATION_NOT_FOUND));
    }

    @Test
    void givenAnAdminDemotedToUserMeanwhile_whenTheirInviteRuns_thenForbiddenAndNoEvents() {
        MemberAddedEvent admin = admin();
        fixture.given(created(), owner(), admin, new UserRolesUpdatedEvent(ORG,
                        admin.membershipId(), ADMIN_USER_ID, List.of(USER), List.of(ADMIN), NOW))
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(USER))), ADMIN_ACTOR))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.FORBIDDEN));
    }

    @Test
    void givenOwner_whenInviteWithOwnerRole_thenInvited() {
        fixture.given(created(), owner())
                .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of(OWNER))), OWNER_ACTOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserInvitedEvent.class, e -> e.roleIds().equals(List.of(OWNER))), andNoMore())));
    }

}
