package dev.membership.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import dev.membership.support.WriteEndpoints;
import dev.membership.support.WriteEndpoints.Endpoint;
import dev.membership.support.WriteEndpoints.Fixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Organizations and groups keep their events in one table under ids of one form, so a group's id can be sent where
 * an organization's belongs and the other way round. Each write then finds nothing (a 4xx in its dialect's shape),
 * writes nothing, and leaves both as they were: one kind's events are never read as the other's. A group that is
 * not there is a missing group, in every dialect.
 */
class AggregateKindsApiTest extends ApiTestSupport {

    @Test
    void aGroupWriteAimedAtAnOrganizationsId_findsNoGroup_andWritesNothing() {
        Fixture f = writeFixture();
        Fixture groupIsTheOrganization = new Fixture(f.org(), f.ownerToken(), f.roleId(), f.userId(), f.membershipId(),
                f.invitationId(), f.org());
        Map<String, String> failures = new LinkedHashMap<>();
        long before = allEvents();

        int sent = 0;
        for (Endpoint endpoint : WriteEndpoints.of(f)) {
            if (!endpoint.path().contains(f.groupId().toString()) && !endpoint.path().contains(WriteEndpoints.hex(f.groupId()))) {
                continue;
            }
            Endpoint aimed = WriteEndpoints.of(groupIsTheOrganization).stream()
                    .filter(e -> e.name().equals(endpoint.name())).findFirst().orElseThrow();
            HttpResult result = http.as(aimed.token()).send(aimed.method(), aimed.path(), aimed.validBody());
            sent++;
            String problem = problemUnlessMissing("group", aimed.path(), result);
            if (problem != null) {
                failures.put(aimed.toString(), problem);
            }
        }

        assertThat(sent).isGreaterThanOrEqualTo(10);
        assertThat(failures).as("group writes on an organization's id that were not a missing group's 404 in their dialect's shape")
                .isEmpty();
        assertUnchanged(f, before);
    }

    @Test
    void anOrganizationWriteAimedAtAGroupsId_findsNoOrganization_andWritesNothing_evenForAPlatformAdmin() {
        Fixture f = writeFixture();
        UUID group = f.groupId();
        String admin = TestTokens.platformAdmin();
        Map<String, String> failures = new LinkedHashMap<>();
        long before = allEvents();

        String evo = "/workspace/orgs/" + group + "/members";
        List<String[]> writes = List.of(
                new String[] {"POST", evo + "/users", "{\"users\": [{\"email\": \"new-person@acme.test\", \"roles\": [\""
                        + f.roleId() + "\"]}]}"},
                new String[] {"PATCH", evo + "/users/" + f.userId(), "{\"roles\": [\"" + f.roleId() + "\"]}"},
                new String[] {"DELETE", evo + "/users/" + f.userId(), null},
                new String[] {"DELETE", evo + "/invitations/" + f.invitationId(), null});
        for (String[] write : writes) {
            HttpResult result = http.as(admin).send(write[0], write[1], write[2]);
            String problem = problemUnlessMissing("organization", write[1], result);
            if (problem != null) {
                failures.put(write[0] + " " + write[1], problem);
            }
        }

        assertThat(failures).as("organization writes on a group's id that were not a missing organization's 404 in their dialect's shape")
                .isEmpty();
        assertUnchanged(f, before);
    }

    @Test
    void aGroupThatNeverExisted_isAMissingGroup_notAMissingOrganization() {
        Fixture f = writeFixture();
        UUID never = UUID.randomUUID();
        String docSpace = "/docspace/" + f.org() + "/api/2.0/group/" + never;
        String cloudflare = "/client/v4/accounts/" + WriteEndpoints.hex(f.org()) + "/iam/user_groups/" + WriteEndpoints.hex(never);

        HttpResult deleted = http.as(f.ownerToken()).delete(docSpace);
        HttpResult replaced = http.as(f.ownerToken()).put(cloudflare + "/members", "[]");

        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.json().path("error").path("message").asText()).isEqualTo("Group not found");
        assertThat(replaced.status()).isEqualTo(404);
        assertThat(replaced.json().path("errors").get(0).path("message").asText()).isEqualTo("The group does not exist.");
    }

    /** Null when the answer is a 404 in its dialect's shape naming a missing {@code kind} (and not the other), else why not. */
    private static String problemUnlessMissing(String kind, String path, HttpResult result) {
        String problem = ErrorShapes.problemWith(path, result);
        if (problem != null) {
            return problem;
        }
        String body = result.body().toLowerCase(Locale.ROOT);
        String other = kind.equals("group") ? "organization" : "group";
        return result.status() == 404 && body.contains(kind) && !body.contains(other)
                ? null : "status " + result.status() + ": " + result.body();
    }

    /** No event written since {@code before}; the organization and its group still serve as they did. */
    private void assertUnchanged(Fixture f, long before) {
        assertThat(allEvents()).as("events written").isEqualTo(before);
        HttpResult users = http.as(f.ownerToken()).get("/workspace/orgs/" + f.org() + "/members/users?limit=10");
        assertThat(users.status()).as("%s", users).isEqualTo(200);
        assertThat(users.json().path("results")).hasSize(2);
        HttpResult renamed = http.as(f.ownerToken()).put("/client/v4/accounts/" + WriteEndpoints.hex(f.org())
                + "/iam/user_groups/" + WriteEndpoints.hex(f.groupId()), "{\"name\": \"Still a group\"}");
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(renamed.json().path("result").path("name").asText()).isEqualTo("Still a group");
    }
}
