package dev.membership.command.group;

import static org.axonframework.test.matchers.Matchers.matches;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.membership.api.group.AddGroupMembersCommand;
import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.DeleteGroupCommand;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupManagerSetEvent;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.group.GroupUpdatedEvent;
import dev.membership.api.group.RemoveGroupMemberCommand;
import dev.membership.api.group.RemoveGroupMembersCommand;
import dev.membership.api.group.ReplaceGroupMembersCommand;
import dev.membership.api.group.SetGroupManagerCommand;
import dev.membership.api.group.UpdateGroupCommand;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.config.CachedAggregates;
import dev.membership.command.invitation.InvitationPolicy;
import dev.membership.command.membership.MembershipLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GroupTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final UUID GROUP = UUID.randomUUID();
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private FixtureConfiguration<Group> fixture;
    private MembershipLookup memberships;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Group.class);
        fixture.registerInjectableResource(new InvitationPolicy(Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC)));
        memberships = mock(MembershipLookup.class);
        fixture.registerInjectableResource(memberships);
        fixture.registerInjectableResource(CachedAggregates.singleNode());
    }

    @Test
    void givenNothing_whenCreateGroup_thenCreatedWithoutMembers() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ORG, "Geologists", "Field team", Actor.system()))
                .expectEvents(new GroupCreatedEvent(GROUP, ORG, "Geologists", "Field team", NOW));
    }

    @Test
    void givenMember_whenRemoved_thenMemberRemovedWithItsReason() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()))
                .when(new RemoveGroupMemberCommand(GROUP, ORG, ALICE, "membership-ended", Actor.system()))
                .expectEvents(new GroupMemberRemovedEvent(GROUP, ORG, ALICE, "membership-ended"));
    }

    @Test
    void givenNonMember_whenRemoved_thenNothingHappens() {
        fixture.given(created())
                .when(new RemoveGroupMemberCommand(GROUP, ORG, ALICE, "membership-ended", Actor.system()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenGroupOfAnotherOrganization_whenRemovingAMember_thenGroupNotFound() {
        fixture.given(created())
                .when(new RemoveGroupMemberCommand(GROUP, UUID.randomUUID(), ALICE, "membership-ended", Actor.system()))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.GROUP_NOT_FOUND));
    }

    @Test
    void givenNothing_whenCreateGroupWithManagerAndMembers_thenTheManagerIsAlsoAMember() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ORG, "Geologists", "", ALICE, List.of(BOB), Actor.system()))
                .expectEvents(new GroupCreatedEvent(GROUP, ORG, "Geologists", "", NOW),
                        new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()),
                        new GroupManagerSetEvent(GROUP, ORG, ALICE, null));
    }

    /**
     * Only the memberships a command would have join the group are locked against their removal (see MembershipLookup):
     * a replacement that keeps most members locks only the newcomers.
     */
    @Test
    void givenAGroup_whenItsMembersAreReplaced_onlyTheNewcomersAreLocked() {
        UUID carol = UUID.randomUUID();
        when(memberships.notIn(eq(ORG), any(), any())).thenReturn(List.of());
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()))
                .when(new ReplaceGroupMembersCommand(GROUP, ORG, List.of(BOB, carol), Actor.system()))
                .expectSuccessfulHandlerExecution();

        verify(memberships).notIn(ORG, List.of(BOB, carol), List.of(carol));
    }

    @Test
    void givenUnknownMembership_whenCreateGroup_thenMembershipNotFoundAndNoEvents() {
        UUID stranger = UUID.randomUUID();
        when(memberships.notIn(eq(ORG), eq(List.of(stranger)), any())).thenReturn(List.of(stranger));
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ORG, "Geologists", "", null, List.of(stranger), Actor.system()))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.MEMBERSHIP_NOT_FOUND
                        && e.invalidParams().get(0).name().equals("members[0]")));
    }

    @Test
    void givenAnUnknownManagerAndARepeatedMember_whenCreateGroup_theRefusalNamesEachWhereTheRequestWroteIt() {
        UUID stranger = UUID.randomUUID();
        UUID outsider = UUID.randomUUID();
        when(memberships.notIn(eq(ORG), eq(List.of(stranger, BOB, outsider)), any())).thenReturn(List.of(stranger, outsider));
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ORG, "Geologists", "", stranger, List.of(BOB, BOB, outsider), Actor.system()))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.MEMBERSHIP_NOT_FOUND
                        && e.invalidParams().stream().map(p -> p.name()).toList().equals(List.of("manager", "members[2]"))));
    }

    @Test
    void givenAnUnknownMemberToRemove_whenUpdateGroup_theRefusalNamesTheListItIsIn() {
        UUID stranger = UUID.randomUUID();
        when(memberships.notIn(eq(ORG), eq(List.of(BOB, stranger)), any())).thenReturn(List.of(stranger));
        fixture.given(created())
                .when(new UpdateGroupCommand(GROUP, ORG, null, null, false, null, List.of(BOB), List.of(stranger), Actor.system()))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.MEMBERSHIP_NOT_FOUND
                        && e.invalidParams().stream().map(p -> p.name()).toList().equals(List.of("membersToRemove[0]"))));
    }

    @Test
    void givenThreeMembers_whenReplacedWithTwo_thenOneEventRecordsWhatWasAddedAndRemoved() {
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB, carol), List.of()))
                .when(new ReplaceGroupMembersCommand(GROUP, ORG, List.of(BOB, dave), Actor.system()))
                .expectEvents(new GroupMembersReplacedEvent(GROUP, ORG, List.of(dave), List.of(ALICE, carol)));
    }

    @Test
    void givenMembers_whenReplacedWithNothing_thenTheGroupIsCleared() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()))
                .when(new ReplaceGroupMembersCommand(GROUP, ORG, List.of(), Actor.system()))
                .expectEvents(new GroupMembersReplacedEvent(GROUP, ORG, List.of(), List.of(ALICE, BOB)));
    }

    @Test
    void givenMember_whenAddedAgain_thenNothingHappens() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE), List.of()))
                .when(new AddGroupMembersCommand(GROUP, ORG, List.of(ALICE), Actor.system()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenManager_whenRemovedFromTheGroup_thenTheManagerIsCleared() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()),
                        new GroupManagerSetEvent(GROUP, ORG, ALICE, null))
                .when(new RemoveGroupMembersCommand(GROUP, ORG, List.of(ALICE), Actor.system()))
                .expectEvents(new GroupMembersReplacedEvent(GROUP, ORG, List.of(), List.of(ALICE)),
                        new GroupManagerSetEvent(GROUP, ORG, null, ALICE));
    }

    @Test
    void givenMember_whenRemovedOnlyIfAMember_thenRemoved_andANonMemberSoRemovedIsRefused() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE), List.of()))
                .when(new RemoveGroupMembersCommand(GROUP, ORG, List.of(ALICE), true, Actor.system()))
                .expectEvents(new GroupMembersReplacedEvent(GROUP, ORG, List.of(), List.of(ALICE)));
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE), List.of()))
                .when(new RemoveGroupMembersCommand(GROUP, ORG, List.of(BOB), true, Actor.system()))
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void givenGroup_whenManagerSetToANonMember_thenTheManagerJoinsAndManages() {
        fixture.given(created())
                .when(new SetGroupManagerCommand(GROUP, ORG, BOB, Actor.system()))
                .expectEvents(new GroupMembersReplacedEvent(GROUP, ORG, List.of(BOB), List.of()),
                        new GroupManagerSetEvent(GROUP, ORG, BOB, null));
    }

    @Test
    void givenGroup_whenUpdatedWithAManagerItAlsoRemoves_thenThatPersonNeitherManagesNorBelongs() {
        fixture.given(created())
                .when(new UpdateGroupCommand(GROUP, ORG, null, null, true, BOB, List.of(), List.of(BOB), Actor.system()))
                .expectNoEvents();
    }

    @Test
    void givenManagedGroup_whenUpdatedWithANewManagerItAlsoRemoves_thenTheGroupHasNoManager_andKeepsTheOldOneAsMember() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE), List.of()),
                        new GroupManagerSetEvent(GROUP, ORG, ALICE, null))
                .when(new UpdateGroupCommand(GROUP, ORG, null, null, true, BOB, List.of(BOB), List.of(BOB), Actor.system()))
                .expectEvents(new GroupManagerSetEvent(GROUP, ORG, null, ALICE));
    }

    @Test
    void givenManagedGroup_whenUpdatedToRemoveItsManager_thenTheManagerLeaves_andThenStopsManaging() {
        for (boolean namedAgain : new boolean[] {false, true}) {
            fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()),
                            new GroupManagerSetEvent(GROUP, ORG, ALICE, null))
                    .when(new UpdateGroupCommand(GROUP, ORG, null, null, namedAgain, namedAgain ? ALICE : null, List.of(),
                            List.of(ALICE), Actor.system()))
                    .expectEvents(new GroupMembersReplacedEvent(GROUP, ORG, List.of(), List.of(ALICE)),
                            new GroupManagerSetEvent(GROUP, ORG, null, ALICE));
        }
    }

    @Test
    void givenManagedGroup_whenDeleted_thenTheDeletionNamesItsMembers_andAChangeOfManagerNamesTheOneBefore() {
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()),
                        new GroupManagerSetEvent(GROUP, ORG, ALICE, null))
                .when(new SetGroupManagerCommand(GROUP, ORG, BOB, Actor.system()))
                .expectEvents(new GroupManagerSetEvent(GROUP, ORG, BOB, ALICE));
        fixture.given(created(), new GroupMembersReplacedEvent(GROUP, ORG, List.of(ALICE, BOB), List.of()),
                        new GroupManagerSetEvent(GROUP, ORG, ALICE, null))
                .when(new DeleteGroupCommand(GROUP, ORG, Actor.system()))
                .expectEvents(new GroupDeletedEvent(GROUP, ORG, NOW, List.of(ALICE, BOB)));
    }

    @ParameterizedTest
    @MethodSource("everyCommandOfAnExistingGroup")
    void givenDeletedGroup_whenAnyCommand_thenGroupNotFound(Object command) {
        fixture.given(created(), new GroupDeletedEvent(GROUP, ORG, NOW, List.of()))
                .when(command)
                .expectNoEvents()
                .expectException(matches((MembershipException e) -> e.code() == ErrorCode.GROUP_NOT_FOUND));
    }

    static List<Object> everyCommandOfAnExistingGroup() {
        return List.of(new AddGroupMembersCommand(GROUP, ORG, List.of(ALICE), Actor.system()),
                new RemoveGroupMembersCommand(GROUP, ORG, List.of(ALICE), Actor.system()),
                new RemoveGroupMemberCommand(GROUP, ORG, ALICE, "membership-ended", Actor.system()),
                new ReplaceGroupMembersCommand(GROUP, ORG, List.of(BOB), Actor.system()),
                new SetGroupManagerCommand(GROUP, ORG, BOB, Actor.system()),
                new UpdateGroupCommand(GROUP, ORG, "Geoscientists", null, Actor.system()),
                new DeleteGroupCommand(GROUP, ORG, Actor.system()));
    }

    @Test
    void givenGroup_whenRenamed_thenUpdatedWithTheKeptDescription() {
        fixture.given(created())
                .when(new UpdateGroupCommand(GROUP, ORG, "Geoscientists", null, Actor.system()))
                .expectEvents(new GroupUpdatedEvent(GROUP, ORG, "Geoscientists", "Field team", NOW));
    }

    private static GroupCreatedEvent created() {
        return new GroupCreatedEvent(GROUP, ORG, "Geologists", "Field team", NOW);
    }
}
