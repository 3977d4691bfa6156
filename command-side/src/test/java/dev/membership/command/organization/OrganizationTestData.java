package dev.membership.command.organization;

import static org.axonframework.test.matchers.Matchers.matches;

import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.organization.OrganizationCreatedEvent;
import dev.membership.api.role.BuiltInRole;
import dev.membership.api.role.RoleDefinition;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.config.CachedAggregates;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;

/** Events, actors and a fixture shared by the Organization aggregate tests. */
final class OrganizationTestData {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration TTL = Duration.ofDays(14);
    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final List<RoleDefinition> ROLES = Arrays.stream(BuiltInRole.values())
            .map(role -> role.define(UUID.nameUUIDFromBytes(role.key().getBytes())))
            .toList();
    static final UUID OWNER = roleId(BuiltInRole.OWNER);
    static final UUID ADMIN = roleId(BuiltInRole.ADMIN);
    static final UUID USER = roleId(BuiltInRole.USER);
    static final UUID AUDITOR = roleId(BuiltInRole.AUDITOR);

    static final UUID OWNER_USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID ADMIN_USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000002");
    static final UUID INVITATION = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final Actor OWNER_ACTOR = new Actor("owner", "owner@acme.test", "Olive", false);
    static final Actor ADMIN_ACTOR = new Actor("admin", "admin@acme.test", "Ada", false);
    static final Actor INVITEE_ACTOR = new Actor("invitee", "new@acme.test", "Nina New", false);

    private OrganizationTestData() {
    }

    static FixtureConfiguration<Organization> fixture(PersonDirectory people) {
        FixtureConfiguration<Organization> fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(people);
        fixture.registerInjectableResource(CachedAggregates.singleNode());
        fixture.registerInjectableResource(new InvitationPolicy(TTL, Clock.fixed(NOW, ZoneOffset.UTC)));
        return fixture;
    }

    static OrganizationCreatedEvent created() {
        return new OrganizationCreatedEvent(ORG, "Acme", ROLES, NOW);
    }

    static MemberAddedEvent owner() {
        return new MemberAddedEvent(ORG, UUID.randomUUID(), OWNER_USER_ID, "owner@acme.test", "Olive", List.of(OWNER), NOW);
    }

    static MemberAddedEvent admin() {
        return new MemberAddedEvent(ORG, UUID.randomUUID(), ADMIN_USER_ID, "admin@acme.test", "Ada", List.of(ADMIN), NOW);
    }

    static MemberAddedEvent secondOwner() {
        return new MemberAddedEvent(ORG, UUID.randomUUID(), UUID.randomUUID(), "owner2@acme.test", "Otto", List.of(OWNER), NOW);
    }

    static UserInvitedEvent invited() {
        return new UserInvitedEvent(ORG, INVITATION, UUID.randomUUID(), "new@acme.test", List.of(USER), "owner@acme.test",
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(13)));
    }

    static <T> Matcher<Object> event(Class<T> type, Predicate<T> predicate) {
        return matches((Object payload) -> type.isInstance(payload) && predicate.test(type.cast(payload)));
    }

    static Matcher<MembershipException> refusal(ErrorCode code) {
        return matches((MembershipException e) -> e.code() == code);
    }

    private static UUID roleId(BuiltInRole role) {
        return ROLES.get(role.ordinal()).id();
    }

    /** An in-memory person directory with the same contract as the JDBC one. */
    static final class FakePersonDirectory implements PersonDirectory {

        private final Map<String, Person> people = new HashMap<>();

        Person known(String email, String name) {
            Person person = new Person(UUID.randomUUID(), email, name, true);
            people.put(email, person);
            return person;
        }

        @Override
        public Person resolve(String normalizedEmail) {
            return people.computeIfAbsent(normalizedEmail, email -> new Person(UUID.randomUUID(), email, null, false));
        }
    }
}
