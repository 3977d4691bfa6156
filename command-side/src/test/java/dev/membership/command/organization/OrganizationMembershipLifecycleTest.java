package dev.membership.command.organization;

import static dev.membership.command.organization.OrganizationTestData.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import dev.membership.api.invitation.AcceptInvitationCommand;
import dev.membership.api.invitation.ExpireInvitationCommand;
import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.invitation.RevokeInvitationCommand;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.Invitee;
import dev.membership.api.membership.RemoveUserCommand;
import dev.membership.api.membership.UpdateUserRolesCommand;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.membership.UserRolesUpdatedEvent;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Roles, removal and the invitation lifecycle of the Organization aggregate. */
class OrganizationMembershipLifecycleTest {

    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = OrganizationTestData.fixture(new FakePersonDirectory());
    }

    /**
     * An invitation hands its roles on acceptance: one that its sender may no longer grant (removed, or no longer an
     * Owner) is revoked with that change, so no one regains a role through an invitation no current member could send.
     */
    @Nested
    class InvitationsOfAMemberWhoLosesTheRightToSendThem {

        private final UUID otto = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
        private final UUID toOwner = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
        private final UUID toUser = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
        private final UUID byOlive = UUID.fromString("00000000-0000-0000-0000-0000000000c3");

        private Object[] history() {
            return new Object[] {created(), owner(),
                    new dev.membership.api.membership.MemberAddedEvent(ORG, UUID.randomUUID(), otto, "owner2@acme.test", "Otto",
                            List.of(OWNER), NOW),
                    invitation(toOwner, "alt@evil.test", OWNER, "owner2@acme.test"),
                    invitation(toUser, "friend@acme.test", USER, "owner2@acme.test"),
                    invitation(byOlive, "kept@acme.test", USER, "owner@acme.test")};
        }

        private UserInvitedEvent invitation(UUID id, String email, UUID role, String invitedBy) {
            return new UserInvitedEvent(ORG, id, UUID.randomUUID(), email, List.of(role), invitedBy, NOW, NOW.plus(TTL));
        }

        @Test
        void removingThem_revokesEveryInvitationTheySent_andNoOther() {
            fixture.given(history())
                    .when(new RemoveUserCommand(ORG, otto, OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            event(UserRemovedEvent.class, e -> e.userId().equals(otto)),
                            event(InvitationRevokedEvent.class, e -> e.invitationId().equals(toOwner)),
                            event(InvitationRevokedEvent.class, e -> e.invitationId().equals(toUser)),
                            andNoMore())));
        }

        @Test
        void anOwnerMadeAdmin_keepsTheirInvitationsButThoseGrantingOwner() {
            fixture.given(history())
                    .when(new UpdateUserRolesCommand(ORG, otto, List.of(ADMIN), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            event(UserRolesUpdatedEvent.class, e -> e.userId().equals(otto)),
                            event(InvitationRevokedEvent.class, e -> e.invitationId().equals(toOwner)),
                            andNoMore())));
        }

        @Test
        void anOwnerMadeAUser_nowSendsNoInvitation_andTheirsAreRevoked() {
            fixture.given(history())
                    .when(new UpdateUserRolesCommand(ORG, otto, List.of(USER), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            event(UserRolesUpdatedEvent.class, e -> e.userId().equals(otto)),
                            event(InvitationRevokedEvent.class, e -> e.invitationId().equals(toOwner)),
                            event(InvitationRevokedEvent.class, e -> e.invitationId().equals(toUser)),
                            andNoMore())));
        }

        @Test
        void theRevokedInvitation_canNoLongerBeAccepted() {
            fixture.given(history())
                    .andGiven(new UserRemovedEvent(ORG, UUID.randomUUID(), otto, "owner2@acme.test", NOW),
                            new InvitationRevokedEvent(ORG, toOwner, UUID.randomUUID(), "alt@evil.test", NOW))
                    .when(new AcceptInvitationCommand(ORG, toOwner, new dev.membership.api.shared.Actor("alt", "alt@evil.test", "Alt", false)))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_REVOKED));
        }
    }

    @Nested
    class UpdatingRoles {

        @Test
        void givenAdmin_whenOwnerReplacesItsRoles_thenRolesUpdatedWithThePreviousSet() {
            fixture.given(created(), owner(), admin())
                    .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(USER, AUDITOR), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(event(UserRolesUpdatedEvent.class, e ->
                            e.userId().equals(ADMIN_USER_ID) && e.roleIds().equals(List.of(USER, AUDITOR))
                                    && e.previousRoleIds().equals(List.of(ADMIN))), andNoMore())));
        }

        @Test
        void givenSameRoleSet_whenUpdate_thenNothingChangesAndNoEvents() {
            fixture.given(created(), owner(), admin())
                    .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(ADMIN), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenLastOwner_whenOwnerRoleIsTakenAway_thenLastOwnerAndNoEvents() {
            fixture.given(created(), owner())
                    .when(new UpdateUserRolesCommand(ORG, OWNER_USER_ID, List.of(ADMIN), OWNER_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.LAST_OWNER));
        }

        @Test
        void givenTwoOwners_whenOneLosesOwner_thenRolesUpdated() {
            fixture.given(created(), owner(), secondOwner())
                    .when(new UpdateUserRolesCommand(ORG, OWNER_USER_ID, List.of(ADMIN), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            event(UserRolesUpdatedEvent.class, e -> e.roleIds().equals(List.of(ADMIN))), andNoMore())));
        }

        @Test
        void givenAdmin_whenAdminGrantsOwner_thenOwnerRequiredAndNoEvents() {
            fixture.given(created(), owner(), admin())
                    .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(OWNER), ADMIN_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.OWNER_REQUIRED));
        }

        @Test
        void givenOwner_whenAdminRemovesOwnerRole_thenOwnerRequiredAndNoEvents() {
            fixture.given(created(), owner(), secondOwner(), admin())
                    .when(new UpdateUserRolesCommand(ORG, OWNER_USER_ID, List.of(USER), ADMIN_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.OWNER_REQUIRED));
        }

        @Test
        void givenOrganization_whenUnknownRole_thenRoleNotFoundNamingItAndNoEvents() {
            fixture.given(created(), owner(), admin())
                    .when(new UpdateUserRolesCommand(ORG, ADMIN_USER_ID, List.of(USER, UUID.randomUUID()), OWNER_ACTOR))
                    .expectNoEvents()
                    .expectException(OrganizationTestData.<MembershipException>refusal(ErrorCode.ROLE_NOT_FOUND));
        }

        @Test
        void givenOrganization_whenUserIsNoMember_thenUserNotFound() {
            fixture.given(created(), owner())
                    .when(new UpdateUserRolesCommand(ORG, UUID.randomUUID(), List.of(USER), OWNER_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.USER_NOT_FOUND));
        }
    }

    @Nested
    class RemovingUsers {

        @Test
        void givenAdmin_whenRemoved_thenUserRemoved() {
            fixture.given(created(), owner(), admin())
                    .when(new RemoveUserCommand(ORG, ADMIN_USER_ID, ADMIN_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(event(UserRemovedEvent.class, e ->
                            e.userId().equals(ADMIN_USER_ID) && e.email().equals("admin@acme.test")), andNoMore())));
        }

        @Test
        void givenLastOwner_whenRemoved_thenLastOwnerAndNoEvents() {
            fixture.given(created(), owner())
                    .when(new RemoveUserCommand(ORG, OWNER_USER_ID, OWNER_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.LAST_OWNER));
        }

        @Test
        void givenTwoOwners_whenAdminRemovesAnOwner_thenOwnerRequiredAndNoEvents() {
            fixture.given(created(), owner(), secondOwner(), admin())
                    .when(new RemoveUserCommand(ORG, OWNER_USER_ID, ADMIN_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.OWNER_REQUIRED));
        }

        @Test
        void givenRemovedUser_whenInvitedAgain_thenANewMembershipStarts() {
            fixture.given(created(), owner(), admin(),
                            new UserRemovedEvent(ORG, admin().membershipId(), ADMIN_USER_ID, "admin@acme.test", NOW))
                    .when(new InviteUsersCommand(ORG, List.of(new Invitee("admin@acme.test", List.of(USER))), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            event(UserInvitedEvent.class, e -> e.email().equals("admin@acme.test")), andNoMore())));
        }
    }

    @Nested
    class Invitations {

        @Test
        void givenOrganization_whenInvitingSomeone_thenInvitedWithTheUserRole_expiringAfterTheTimeToLive() {
            fixture.given(created(), owner())
                    .when(new InviteUsersCommand(ORG, List.of(new Invitee("new@acme.test", List.of())), OWNER_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(event(UserInvitedEvent.class, e ->
                            e.roleIds().equals(List.of(USER)) && e.expiresAt().equals(NOW.plus(TTL))), andNoMore())));
        }

        @Test
        void givenInvitation_whenInviteeAccepts_thenAcceptedWithItsRolesAndName() {
            fixture.given(created(), owner(), invited())
                    .when(new AcceptInvitationCommand(ORG, INVITATION, INVITEE_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(event(InvitationAcceptedEvent.class, e ->
                            e.invitationId().equals(INVITATION) && e.roleIds().equals(List.of(USER))
                                    && e.fullName().equals("Nina New") && e.acceptedAt().equals(NOW)), andNoMore())));
        }

        @Test
        void givenInvitation_whenSomeoneElseAccepts_thenEmailMismatchAndNoEvents() {
            fixture.given(created(), owner(), invited())
                    .when(new AcceptInvitationCommand(ORG, INVITATION, ADMIN_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_EMAIL_MISMATCH));
        }

        @Test
        void givenAcceptedInvitation_whenAcceptedAgain_thenAlreadyAcceptedAndNoEvents() {
            fixture.given(created(), owner(), invited(), new InvitationAcceptedEvent(ORG, INVITATION, UUID.randomUUID(),
                            "new@acme.test", "Nina", List.of(USER), NOW))
                    .when(new AcceptInvitationCommand(ORG, INVITATION, INVITEE_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_ALREADY_ACCEPTED));
        }

        @Test
        void givenRevokedInvitation_whenAccepted_thenRevokedAndNoEvents() {
            fixture.given(created(), owner(), invited(),
                            new InvitationRevokedEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test", NOW))
                    .when(new AcceptInvitationCommand(ORG, INVITATION, INVITEE_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_REVOKED));
        }

        @Test
        void givenExpiredInvitation_whenAccepted_thenExpiredAndNoEvents() {
            fixture.given(created(), owner(), invited(),
                            new InvitationExpiredEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test", NOW))
                    .when(new AcceptInvitationCommand(ORG, INVITATION, INVITEE_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_EXPIRED));
        }

        @Test
        void givenInvitationPastItsExpiry_whenAcceptedBeforeTheDeadlineRan_thenExpiredAndNoEvents() {
            fixture.given(created(), owner(), new UserInvitedEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test",
                            List.of(USER), "owner@acme.test", NOW.minus(TTL), NOW))
                    .when(new AcceptInvitationCommand(ORG, INVITATION, INVITEE_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_EXPIRED));
        }

        @Test
        void givenInvitation_whenRevoked_thenRevoked() {
            fixture.given(created(), owner(), admin(), invited())
                    .when(new RevokeInvitationCommand(ORG, INVITATION, ADMIN_ACTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            event(InvitationRevokedEvent.class, e -> e.invitationId().equals(INVITATION)), andNoMore())));
        }

        @Test
        void givenNoSuchInvitation_whenRevoked_thenInvitationNotFound() {
            fixture.given(created(), owner())
                    .when(new RevokeInvitationCommand(ORG, UUID.randomUUID(), OWNER_ACTOR))
                    .expectNoEvents()
                    .expectException(refusal(ErrorCode.INVITATION_NOT_FOUND));
        }

        @Test
        void givenPendingInvitationPastItsExpiry_whenExpired_thenInvitationExpired() {
            fixture.given(created(), owner(), new UserInvitedEvent(ORG, INVITATION, UUID.randomUUID(), "late@acme.test",
                            List.of(USER), "owner@acme.test", NOW.minus(TTL), NOW))
                    .when(new ExpireInvitationCommand(ORG, INVITATION))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(event(InvitationExpiredEvent.class, e ->
                            e.invitationId().equals(INVITATION) && e.email().equals("late@acme.test")), andNoMore())));
        }

        @Test
        void givenPendingInvitationNotYetDue_whenExpired_thenNothingChanges() {
            fixture.given(created(), owner(), invited())
                    .when(new ExpireInvitationCommand(ORG, INVITATION))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenInvitationAcceptedBeforeItsExpiry_whenExpiredLater_thenNothingChanges() {
            fixture.given(created(), owner(), new UserInvitedEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test",
                            List.of(USER), "owner@acme.test", NOW.minus(TTL), NOW),
                            new InvitationAcceptedEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test", "Nina",
                                    List.of(USER), NOW.minusSeconds(1)))
                    .when(new ExpireInvitationCommand(ORG, INVITATION))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenExpiredInvitation_whenExpiredAgain_thenNothingChanges() {
            fixture.given(created(), owner(), new UserInvitedEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test",
                            List.of(USER), "owner@acme.test", NOW.minus(TTL), NOW),
                            new InvitationExpiredEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test", NOW))
                    .when(new ExpireInvitationCommand(ORG, INVITATION))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
