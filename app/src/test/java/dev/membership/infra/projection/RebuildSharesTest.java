package dev.membership.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a one-pass rebuild shares the read models among its replaying threads. */
class RebuildSharesTest {

    private static final List<String> NAMES = List.of("audit", "directory", "groups", "members", "membership-history", "roles");

    @Test
    void theHeaviestReadModelsGoFirst_eachToTheThreadWithTheLeast_inNameOrderWithinEach() {
        Map<String, Long> weights = Map.of("audit", 80L, "directory", 10L, "groups", 10L, "members", 50L,
                "membership-history", 70L, "roles", 20L);

        List<List<String>> shares = ProjectionRebuilder.shares(NAMES, 2, weights::get);

        assertThat(shares).containsExactly(List.of("audit", "directory", "roles"),
                List.of("groups", "members", "membership-history"));
    }

    @Test
    void theGroups_whoseRowsTakeTheMembersEmails_areReplayedInTheMembersTransaction_howeverTheWeightsFall() {
        Map<String, Long> weights = Map.of("audit", 10L, "directory", 10L, "groups", 100L, "members", 100L,
                "membership-history", 10L, "roles", 10L);

        for (int workers = 1; workers <= NAMES.size(); workers++) {
            List<List<String>> shares = ProjectionRebuilder.shares(NAMES, workers, weights::get);

            assertThat(shares).as("%d threads", workers).filteredOn(share -> share.contains("members"))
                    .singleElement().satisfies(share -> assertThat(share).contains("groups"));
            assertThat(shares.stream().mapToInt(List::size).sum()).isEqualTo(NAMES.size());
        }
        assertThat(ProjectionRebuilder.shares(List.of("groups", "roles"), 2, name -> 1))
                .as("the groups alone, the members kept").containsExactly(List.of("groups"), List.of("roles"));
    }
}
