package dev.membership.query.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A group's modification time only moves forward: a change stamped earlier than one already recorded (a policy's
 * command takes its cause's time, and may commit after a later change) leaves the later time.
 */
class GroupModifiedTimeTest extends ApiTestSupport {

    @Autowired
    private GroupRepository groups;

    @Test
    void aChangeStampedBeforeTheLastOne_leavesTheGroupsModificationTime() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        UUID group = UUID.fromString(http.as(TestTokens.user(owner))
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"Timed\"}").json().get("id").asText());
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant earlier = later.minus(1, ChronoUnit.MINUTES);

        groups.update(group, "Renamed", "", later, 1000);
        groups.setManager(group, null, earlier, 1001);
        groups.update(group, "Renamed again", "", earlier, 1002);

        assertThat(jdbc.sql("SELECT modified_at FROM read.group_v1 WHERE group_id = :id").param("id", group)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(later);
        assertThat(jdbc.sql("SELECT name FROM read.group_v1 WHERE group_id = :id").param("id", group)
                .query(String.class).single()).as("the change itself is kept").isEqualTo("Renamed again");
    }
}
