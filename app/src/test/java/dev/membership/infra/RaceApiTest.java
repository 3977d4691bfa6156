package dev.membership.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent requests on one organization, user or group end in a state some serial order would give. */
class RaceApiTest extends ApiTestSupport {

    @Test
    void aHundredConcurrentInvitesOfOneEmail_makeExactlyOneMembership() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invitee = email("racer");
        String body = "{\"users\": [{\"email\": \"" + invitee + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        Http asOwner = http.as(TestTokens.user(owner));

        List<Integer> statuses = concurrently(100, i -> asOwner.post("/workspace/orgs/" + org + "/members/users", body).status());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(99);
        assertThat(eventsOf(org, "UserInvitedEvent")).isEqualTo(1);
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/invitations").json().get("results")).hasSize(1);
    }

    @Test
    void concurrentRoleUpdatesAndMemberReplacements_endInAStateOfSomeSerialOrder() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String userId = join(org, owner, email("target"), "User");
        List<String> roleSets = List.of(roleId(org, owner, "User"), roleId(org, owner, "Admin"), roleId(org, owner, "Auditor"));
        List<String> memberships = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            memberships.add(invite(org, owner, email("m" + i), "User"));
        }
        String groupId = asOwner.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Raced\"}")
                .json().get("response").get("id").asText();
        List<Set<String>> candidateSets = List.of(Set.of(memberships.get(0), memberships.get(1)),
                Set.of(memberships.get(2), memberships.get(3), memberships.get(4)), Set.of(memberships.get(5)));

        List<Integer> statuses = concurrently(60, i -> {
            if (i % 2 == 0) {
                return asOwner.patch("/workspace/orgs/" + org + "/members/users/" + userId,
                        "{\"roles\": [\"" + roleSets.get(i % 3) + "\"]}").status();
            }
            Set<String> set = candidateSets.get(i % 3);
            return asOwner.post("/docspace/" + org + "/api/2.0/group/" + groupId + "/members",
                    "{\"members\": [\"" + String.join("\", \"", set) + "\"]}").status();
        });

        assertThat(statuses).allMatch(status -> status == 200 || status == 409);
        JsonNode user = asOwner.get("/workspace/orgs/" + org + "/members/users?limit=100").json().get("results");
        Set<String> finalRoles = new HashSet<>();
        user.forEach(u -> {
            if (u.get("id").asText().equals(userId)) {
                u.get("roles").forEach(r -> finalRoles.add(r.get("id").asText()));
            }
        });
        assertThat(roleSets).anyMatch(role -> finalRoles.equals(Set.of(role)));
        Set<String> finalMembers = new HashSet<>();
        asOwner.get("/docspace/" + org + "/api/2.0/group/" + groupId).json().get("response").get("members")
                .forEach(m -> finalMembers.add(m.get("id").asText()));
        assertThat(candidateSets).contains(finalMembers);
        assertThat(asOwner.get("/docspace/" + org + "/api/2.0/group/" + groupId).json().get("response").get("membersCount").asInt())
                .isEqualTo(finalMembers.size());
    }

    private static List<Integer> concurrently(int requests, IntFunction call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Integer>) () -> call.apply(index)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IntFunction {
        int apply(int index);
    }

}
