package dev.membership.command.group;

import static org.axonframework.test.matchers.Matchers.matches;

import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.group.RemoveGroupMemberCommand;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.invitation.InvitationPolicy;
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

class GroupTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final UUID GROUP = UUID.randomUUID();
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private FixtureConfiguration<Group> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Group.class);
        fixture.registerInjectableResource(new InvitationPolicy(Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC)));
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

    private static GroupCreatedEvent created() {
        return new GroupCreatedEvent(GROUP, ORG, "Geologists", "Field team", NOW);
    }
}
