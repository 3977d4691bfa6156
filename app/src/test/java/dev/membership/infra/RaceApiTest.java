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

    /**
     * A member removed while a request adds them to a group: whichever commits first, the group ends without them
     * (the removal takes them out, or the addition finds them gone), and every view of the group agrees with its
     * count. The group used to keep the removed membership in about half of such races.
     */
    @Test
    void aMemberRemovedWhileBeingAddedToAGroup_isInNoGroupAfterwards() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String account = org.toString().replace("-", "");
        String groupId = asOwner.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Raced\"}")
                .json().get("response").get("id").asText();
        String group = groupId.replace("-", "");

        for (int round = 0; round < 12; round++) {
            String email = email("leaver" + round);
            String membershipId = membership(org, owner, email, "User");
            String userId = userId(org, owner, email);

            List<Integer> statuses = concurrently(2, i -> i == 0
                    ? asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId).status()
                    : asOwner.post("/client/v4/accounts/" + account + "/iam/user_groups/" + group + "/members",
                            "[{\"id\": \"" + membershipId.replace("-", "") + "\"}]").status());

            assertThat(statuses.get(0)).as("round %d: the removal", round).isEqualTo(204);
            assertThat(statuses.get(1)).as("round %d: the addition (or its refusal of a member gone)", round).isIn(200, 400, 404);
            JsonNode docspace = asOwner.get("/docspace/" + org + "/api/2.0/group/" + groupId).json().get("response");
            List<String> members = new ArrayList<>();
            docspace.get("members").forEach(m -> members.add(m.get("id").asText()));
            assertThat(members).as("round %d", round).doesNotContain(membershipId);
            assertThat(docspace.get("membersCount").asInt()).as("round %d", round).isEqualTo(members.size());
        }
    }

    /**
     * A membership that ends leaves every group it is in; a group deleted between the look-up of those groups and the
     * removal from it needs nothing removed, and no longer makes the removal answer 404 "group not found". The
     * look-up row left behind stands for the deletion committing in between.
     */
    @Test
    void aMemberWhoseGroupIsDeletedMeanwhile_isRemoved() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String email = email("leaver");
        String membershipId = membership(org, owner, email, "User");
        String userId = userId(org, owner, email);
        String groupId = asOwner.post("/docspace/" + org + "/api/2.0/group",
                "{\"groupName\": \"Going\", \"members\": [\"" + membershipId + "\"]}").json().get("response").get("id").asText();
        assertThat(asOwner.delete("/docspace/" + org + "/api/2.0/group/" + groupId).status()).isEqualTo(204);
        jdbc.sql("INSERT INTO lookup.group_member_v1 (group_id, membership_id) VALUES (:group, :membership)")
                .param("group", UUID.fromString(groupId)).param("membership", UUID.fromString(membershipId)).update();

        int removed = asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId).status();

        assertThat(removed).isEqualTo(204);
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/users?limit=100").json().get("results"))
                .noneMatch(user -> user.get("email").asText().equals(email));
        assertThat(eventsOf(org, "UserRemovedEvent")).isEqualTo(1);
    }

    /** Of removals of one member from a Cloudflare user group at once, one removes it and the others find it gone. */
    @Test
    void concurrentRemovalsOfOneGroupMember_answerOne200_andTheRest404() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String member = membership(org, owner, email("mia"), "User").replace("-", "");
        String account = "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups";
        String group = asOwner.post(account, "{\"name\": \"Crew\"}").json().get("result").get("id").asText();
        assertThat(asOwner.put(account + "/" + group + "/members", "[{\"id\": \"" + member + "\"}]").status()).isEqualTo(200);

        List<Integer> statuses = concurrently(8, i -> asOwner.delete(account + "/" + group + "/members/" + member).status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 404).hasSize(7);
    }

    /** Of first provisionings of one directory group at once, one created it and the others replaced it. */
    @Test
    void concurrentFirstProvisioningsOfADirectoryGroup_answerOne201_andTheRest200() throws Exception {
        Http asPlatform = http.as(TestTokens.platformAdmin());
        String ims = "ims-" + UUID.randomUUID();
        String body = "{\"name\": \"Geo\", \"federated\": false, \"members\": [{\"email\": \"" + email("gail") + "\"}]}";

        List<Integer> statuses = concurrently(8, i -> asPlatform.put("/v1/directory/groups/" + ims, body).status());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(7);
    }

    /** Likewise, a directory group's linked group deleted meanwhile does not make the directory's update fail. */
    @Test
    void aDirectoryUpdateWhoseLinkedGroupIsDeletedMeanwhile_isStored() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        Http asPlatform = http.as(TestTokens.platformAdmin());
        String ims = "ims-" + UUID.randomUUID();
        String members = "{\"name\": \"Geo\", \"federated\": false, \"members\": [{\"email\": \"%s\"}]}";
        assertThat(asPlatform.put("/v1/directory/groups/" + ims, members.formatted(email("dana"))).status()).isIn(200, 201);
        String groupId = asOwner.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Linked\"}")
                .json().get("response").get("id").asText();
        assertThat(asOwner.header("API-Preview", "opt-in").patch("/workspace/orgs/" + org + "/members/groups/" + groupId,
                "{\"ims_groups\": [\"" + ims + "\"]}").status()).isEqualTo(200);
        assertThat(asOwner.delete("/docspace/" + org + "/api/2.0/group/" + groupId).status()).isEqualTo(204);
        jdbc.sql("""
                        INSERT INTO lookup.directory_link_v1 (directory_group_id, group_id, organization_id, position)
                        VALUES (:ims, :group, :org, 0)""")
                .param("ims", ims).param("group", UUID.fromString(groupId)).param("org", org).update();

        int updated = asPlatform.put("/v1/directory/groups/" + ims, members.formatted(email("erin"))).status();

        assertThat(updated).isEqualTo(200);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%DirectoryGroupProvisionedEvent'""")
                .param("id", "directory-group:" + ims).query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Groups linked at once to one directory group invite its newcomers once, and each links them: the links used to
     * race to invite the same person, and all but one answered 409 "already invited".
     */
    @Test
    void groupsLinkedAtOnceToOneDirectoryGroup_inviteItsNewcomersOnce() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner)).header("API-Preview", "opt-in");
        String ims = "ims-" + UUID.randomUUID();
        String newcomer = email("newcomer");
        assertThat(http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/" + ims,
                "{\"name\": \"Geo\", \"federated\": false, \"members\": [{\"email\": \"" + newcomer + "\"}]}").status())
                .isIn(200, 201);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add(asOwner.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Linked " + i + "\"}")
                    .json().get("response").get("id").asText());
        }

        List<Integer> statuses = concurrently(groups.size(), i -> asOwner.patch(
                "/workspace/orgs/" + org + "/members/groups/" + groups.get(i), "{\"ims_groups\": [\"" + ims + "\"]}").status());

        assertThat(statuses).containsOnly(200);
        assertThat(eventsOf(org, "UserInvitedEvent")).isEqualTo(1);
        for (String group : groups) {
            JsonNode members = asOwner.get("/docspace/" + org + "/api/2.0/group/" + group).json().get("response").get("members");
            assertThat(members).as(group).singleElement()
                    .satisfies(member -> assertThat(member.get("email").asText()).isEqualTo(newcomer));
        }
    }

    /**
     * A directory group provisioned while a group linked to it changes its links: the links the change answered
     * stand (the provisioning's group follows its links as they stand under the group's lock, not as read before).
     */
    @Test
    void aProvisioningDuringAChangeOfLinks_leavesTheLinksTheChangeAnswered() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner)).header("API-Preview", "opt-in");
        Http admin = http.as(TestTokens.platformAdmin());
        String followed = "ims-" + UUID.randomUUID();
        String other = "ims-" + UUID.randomUUID();
        String base = email("base");
        assertThat(provision(admin, followed, base).status()).isEqualTo(201);
        assertThat(provision(admin, other, email("other")).status()).isEqualTo(201);
        String groupId = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Followers\"}").json().get("id").asText();
        assertThat(link(asOwner, org, groupId, followed)).isEqualTo(200);

        for (int round = 0; round < 12; round++) {
            String[] links = round % 2 == 0 ? new String[] {followed, other} : new String[] {followed};
            String newcomer = email("newcomer" + round);
            List<Integer> statuses = concurrently(2, i -> i == 0 ? provision(admin, followed, base, newcomer).status()
                    : link(asOwner, org, groupId, links));

            assertThat(statuses).containsOnly(200);
            JsonNode group = asOwner.get("/workspace/orgs/" + org + "/members/groups").json().get("groups").get(0);
            List<String> now = new ArrayList<>();
            group.get("ims_groups").forEach(id -> now.add(id.asText()));
            assertThat(now).as("round %d", round).containsExactly(links);
        }
    }

    /**
     * A directory group provisioned while a group is linked to it: the group has the provisioning's people, whichever
     * commits first (the link reads the members once the provisioning is done, or the provisioning sees the link).
     */
    @Test
    void aLinkMadeDuringAProvisioning_reachesThePeopleTheProvisioningBrings() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner)).header("API-Preview", "opt-in");
        Http admin = http.as(TestTokens.platformAdmin());

        for (int round = 0; round < 12; round++) {
            String directoryGroup = "ims-" + UUID.randomUUID();
            String first = email("first" + round);
            String arriving = email("arriving" + round);
            assertThat(provision(admin, directoryGroup, first).status()).isEqualTo(201);
            String groupId = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Round " + round + "\"}")
                    .json().get("id").asText();

            List<Integer> statuses = concurrently(2, i -> i == 0 ? provision(admin, directoryGroup, first, arriving).status()
                    : link(asOwner, org, groupId, directoryGroup));

            assertThat(statuses).containsOnly(200);
            List<String> members = new ArrayList<>();
            asOwner.get("/v1/organizations/" + org + "/groups/" + groupId).json().get("members")
                    .forEach(m -> members.add(m.get("email").asText()));
            assertThat(members).as("round %d", round).containsExactlyInAnyOrder(first, arriving);
        }
    }

    private static dev.membership.support.HttpResult provision(Http admin, String id, String... emails) {
        StringBuilder members = new StringBuilder();
        for (String email : emails) {
            members.append(members.isEmpty() ? "" : ", ").append("{\"email\": \"").append(email).append("\"}");
        }
        return admin.put("/v1/directory/groups/" + id, "{\"name\": \"Directory\", \"federated\": false, \"members\": ["
                + members + "]}");
    }

    private static int link(Http asOwner, UUID org, String groupId, String... directoryGroups) {
        return asOwner.patch("/workspace/orgs/" + org + "/members/groups/" + groupId,
                "{\"ims_groups\": [\"" + String.join("\", \"", directoryGroups) + "\"]}").status();
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
