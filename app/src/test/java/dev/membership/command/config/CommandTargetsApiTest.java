package dev.membership.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.group.UpdateGroupCommand;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import dev.membership.support.WriteEndpoints;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Organizations and groups find their commands' targets through the cached resolver, not Axon's default one. */
class CommandTargetsApiTest extends ApiTestSupport {

    @Autowired
    private CommandTargets targets;

    @Test
    void invitesAndGroupWrites_areAddressedThroughTheCachedResolver() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        long before = targets.resolved();
        invite(org, owner, email("invitee"), "User");
        HttpResult group = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                "{\"name\": \"Reviewers\"}");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        // a creation needs no target; a rename of the group does
        HttpResult renamed = http.as(TestTokens.user(owner)).put("/client/v4/accounts/" + WriteEndpoints.hex(org)
                + "/iam/user_groups/" + WriteEndpoints.hex(UUID.fromString(group.json().get("id").asText())),
                "{\"name\": \"Auditors\"}");

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(targets.resolved() - before).as("the invite's and the rename's targets").isGreaterThanOrEqualTo(2);
        assertThat(targets.typesLookedUp()).contains(InviteUsersCommand.class, UpdateGroupCommand.class);
    }
}
