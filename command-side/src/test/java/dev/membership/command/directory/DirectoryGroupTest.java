package dev.membership.command.directory;

import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.api.directory.DirectoryPerson;
import dev.membership.api.directory.ProvisionDirectoryGroupCommand;
import dev.membership.api.shared.Actor;
import dev.membership.command.invitation.InvitationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryGroupTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final DirectoryPerson ANN = new DirectoryPerson("ann@geo.test", "Ann");
    private static final DirectoryPerson BEN = new DirectoryPerson("ben@geo.test", "Ben");
    private static final DirectoryPerson CAT = new DirectoryPerson("cat@geo.test", "Cat");

    private FixtureConfiguration<DirectoryGroup> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DirectoryGroup.class);
        fixture.registerInjectableResource(new InvitationPolicy(Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void givenNothing_whenProvisioned_thenCreatedWithEveryoneJoined() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionDirectoryGroupCommand("ims-1", "Geology", true, List.of(ANN, BEN), Actor.system()))
                .expectEvents(new DirectoryGroupProvisionedEvent("ims-1", "Geology", true, List.of(ANN, BEN),
                        List.of("ann@geo.test", "ben@geo.test"), List.of(), NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void givenGroup_whenProvisionedAgain_thenReplacedWithWhoJoinedAndWhoLeft() {
        fixture.given(new DirectoryGroupProvisionedEvent("ims-1", "Geology", true, List.of(ANN, BEN),
                        List.of("ann@geo.test", "ben@geo.test"), List.of(), NOW))
                .when(new ProvisionDirectoryGroupCommand("ims-1", "Geoscience", false, List.of(BEN, CAT), Actor.system()))
                .expectEvents(new DirectoryGroupProvisionedEvent("ims-1", "Geoscience", false, List.of(BEN, CAT),
                        List.of("cat@geo.test"), List.of("ann@geo.test"), NOW))
                .expectResultMessagePayload(false);
    }
}
