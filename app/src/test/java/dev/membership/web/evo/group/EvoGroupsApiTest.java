package dev.membership.web.evo.group;

import static dev.membership.web.evo.EvoAssertions.assertEvoError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evo instance groups (G1, G2), IMS reads (I1 to I3), native groups and directory provisioning. */
class EvoGroupsApiTest extends ApiTestSupport {

    private String owner;
    private UUID org;
    private String base;
    private Http asOwner;
    private Http asAdmin;

    @BeforeEach
    void organization() {
        owner = email("owner");
        org = createOrganization(owner);
        base = "/workspace/orgs/" + org;
        asOwner = http.as(TestTokens.user(owner)).header("API-Preview", "opt-in");
        asAdmin = http.as(TestTokens.platformAdmin());
    }

    @Test
    void linkingTwoDirectoryGroups_returnsResolvedMembersAndInvitations_andG1ListsTheGroupWithItsLinks() {
        String member = email("member");
        join(org, owner, member, "User");
        String outsiderA = email("outsider-a");
        String outsiderB = email("outsider-b");
        String imsA = "ims-" + UUID.randomUUID();
        String imsB = "ims-" + UUID.randomUUID();
        assertThat(provision(imsA, "Geology", member, outsiderA).status()).isEqualTo(201);
        assertThat(provision(imsB, "Survey", outsiderA, outsiderB).status()).isEqualTo(201);
        String groupId = createGroup("Field team");

        HttpResult linked = asOwner.patch(base + "/members/groups/" + groupId,
                "{\"ims_groups\": [\"" + imsA + "\", \"" + imsB + "\"]}");

        assertThat(linked.status()).isEqualTo(200);
        JsonNode body = linked.json();
        assertThat(body.get("id").asText()).isEqualTo(groupId);
        assertThat(body.get("name").asText()).isEqualTo("Field team");
        assertThat(body.get("description").asText()).isEqualTo("Field team people");
        assertThat(body.get("ims_groups")).extracting(JsonNode::asText).containsExactly(imsA, imsB);
        assertThat(body.get("members")).extracting(m -> m.get("email").asText()).containsExactly(member);
        assertThat(body.get("members").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "email", "full_name");
        assertThat(body.get("invitations")).extracting(i -> i.get("email").asText()).containsExactly(outsiderA, outsiderB);
        assertThat(body.get("invitations").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder(
                "id", "email", "invited_by_email", "status", "created_date", "expiration_date");
        assertThat(body.get("invitations").get(0).get("invited_by_email").asText()).isEqualTo(owner);
        assertThat(asOwner.get(base + "/members/invitations").json().get("results"))
                .extracting(i -> i.get("email").asText()).containsExactly(outsiderA, outsiderB);

        JsonNode groups = asOwner.get(base + "/members/groups").json().get("groups");
        assertThat(groups).hasSize(1);
        JsonNode group = groups.get(0);
        assertThat(group.get("id").asText()).isEqualTo(groupId);
        assertThat(group.get("ims_groups")).extracting(JsonNode::asText).containsExactly(imsA, imsB);
        assertThat(group.get("members")).extracting(m -> m.get("email").asText()).containsExactly(member);
        assertThat(group.get("roles")).isEmpty();

        long before = allEvents();
        HttpResult again = asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"" + imsA + "\", \"" + imsB + "\"]}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("members")).extracting(m -> m.get("email").asText()).containsExactly(member);
        assertThat(again.json().get("invitations")).extracting(i -> i.get("email").asText()).containsExactly(outsiderA, outsiderB);
        assertThat(allEvents()).as("linking again as it is writes nothing").isEqualTo(before);
    }

    @Test
    void aLinkedGroupFollowsItsDirectoryGroup_newcomersAreInvitedAndLeaversLeave() {
        String stays = email("stays");
        String leaves = email("leaves");
        String arrives = email("arrives");
        String ims = "ims-" + UUID.randomUUID();
        provision(ims, "Geology", stays, leaves);
        String groupId = createGroup("Followers");
        asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"" + ims + "\"]}");

        assertThat(provision(ims, "Geology", stays, arrives).status()).isEqualTo(200);

        JsonNode group = asOwner.get("/v1/organizations/" + org + "/groups/" + groupId).json();
        assertThat(group.get("members")).extracting(m -> m.get("email").asText()).containsExactly(stays, arrives);
        assertThat(asOwner.get(base + "/members/invitations").json().get("results"))
                .extracting(i -> i.get("email").asText()).contains(stays, leaves, arrives);
    }

    /** Members added to a group in other ways are never removed by a link, even one that reached them too. */
    @Test
    void aMemberAddedDirectly_staysWhenALinkThatAlsoReachedThemGoes_whileThoseWhoJoinedThroughItLeave() {
        String direct = email("direct");
        String directId = membership(org, owner, direct, "User");
        String linked = email("linked");
        join(org, owner, linked, "User");
        String ims = "ims-" + UUID.randomUUID();
        provision(ims, "Geology", direct, linked);
        String groupId = createGroup("Mixed");
        assertThat(http.as(TestTokens.user(owner)).put("/docspace/" + org + "/api/2.0/group/" + groupId + "/members",
                "{\"members\": [\"" + directId + "\"]}").status()).isEqualTo(200);
        assertThat(asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"" + ims + "\"]}").status())
                .isEqualTo(200);
        long before = allEvents();
        assertThat(asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"" + ims + "\"]}").status())
                .isEqualTo(200);
        assertThat(allEvents()).as("linking again as it is writes nothing").isEqualTo(before);

        assertThat(provision(ims, "Geology", linked).status()).as("the directory group drops the direct member").isEqualTo(200);
        assertThat(members(groupId)).containsExactlyInAnyOrder(direct, linked);

        HttpResult unlinked = asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": []}");

        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(members(groupId)).containsExactly(direct);
    }

    /** A link that reaches someone already in the group is in that person's history, though it adds no one. */
    @Test
    void aLinkReachingAMemberAlreadyInTheGroup_isInThatMembersHistory() {
        String direct = email("direct");
        String membershipId = membership(org, owner, direct, "User");
        String ims = "ims-" + UUID.randomUUID();
        provision(ims, "Geology", direct);
        String groupId = createGroup("Reached");
        assertThat(http.as(TestTokens.user(owner)).put("/docspace/" + org + "/api/2.0/group/" + groupId + "/members",
                "{\"members\": [\"" + membershipId + "\"]}").status()).isEqualTo(200);
        assertThat(asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"" + ims + "\"]}").status())
                .isEqualTo(200);
        awaitAudit();

        java.util.List<String> types = new java.util.ArrayList<>();
        asOwner.get("/v1/organizations/" + org + "/users/" + userId(org, owner, direct) + "/history").json().get("items")
                .forEach(entry -> types.add(entry.get("type").asText()));

        assertThat(types).contains("GroupMembersReplacedEvent", "GroupDirectoryLinksReplacedEvent");
    }

    private java.util.List<String> members(String groupId) {
        java.util.List<String> emails = new java.util.ArrayList<>();
        asOwner.get("/v1/organizations/" + org + "/groups/" + groupId).json().get("members")
                .forEach(m -> emails.add(m.get("email").asText()));
        return emails;
    }

    @Test
    void removingAUser_takesThemOutOfEveryGroup_recordedWithTheRemovalAsCause() {
        String member = email("member");
        String userId = join(org, owner, member, "User");
        String ims = "ims-" + UUID.randomUUID();
        provision(ims, "Geology", member);
        String first = createGroup("First");
        String second = createGroup("Second");
        asOwner.patch(base + "/members/groups/" + first, "{\"ims_groups\": [\"" + ims + "\"]}");
        asOwner.patch(base + "/members/groups/" + second, "{\"ims_groups\": [\"" + ims + "\"]}");

        assertThat(asOwner.delete(base + "/members/users/" + userId).status()).isEqualTo(204);

        JsonNode groups = asOwner.get(base + "/members/groups").json().get("groups");
        assertThat(groups).hasSize(2).allSatisfy(group -> assertThat(group.get("members")).isEmpty());
        long removals = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE payload_type LIKE '%.GroupMemberRemovedEvent'
                          AND aggregate_identifier IN (:first, :second)
                          AND convert_from(payload, 'UTF8') LIKE '%membership-ended%'""")
                .param("first", first).param("second", second).query(Long.class).single();
        assertThat(removals).isEqualTo(2);
    }

    @Test
    void linking_isRefused_withStatus422AndNothingWritten_forAnUnknownDirectoryGroup() {
        String groupId = createGroup("Team");
        long before = allEvents();

        HttpResult refused = asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"no-such-group\"]}");

        assertEvoError(refused, 422, "directory-group-not-found");
        assertThat(refused.json().get("invalid-params").get(0).get("name").asText()).isEqualTo("ims_groups[0]");
        assertThat(allEvents()).isEqualTo(before);
        assertEvoError(asOwner.patch(base + "/members/groups/" + groupId, "{}"), 422, "invalid-request");
        assertEvoError(asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"\"]}"), 422, "invalid-request");
        assertThat(asOwner.patch(base + "/members/groups/" + groupId, "{\"ims_groups\": [\"\"]}").json()
                .get("invalid-params").get(0).get("name").asText()).isEqualTo("ims_groups[0]");
    }

    @Test
    void groupsOfAnotherOrganizationAndStrangers_answer404_andUserRoleMembersCannotLink() {
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String otherGroup = http.as(TestTokens.user(otherOwner)).post("/v1/organizations/" + otherOrg + "/groups",
                "{\"name\": \"Theirs\"}").json().get("id").asText();
        String member = email("member");
        join(org, owner, member, "User");
        long before = allEvents();

        assertEvoError(asOwner.patch(base + "/members/groups/" + otherGroup, "{\"ims_groups\": []}"), 404, "group-not-found");
        assertEvoError(asOwner.patch(base + "/members/groups/" + UUID.randomUUID(), "{\"ims_groups\": []}"), 404,
                "group-not-found");
        assertEvoError(http.as(TestTokens.user(otherOwner)).get(base + "/members/groups"), 404, "organization-not-found");
        assertEvoError(http.as(TestTokens.user(member)).patch(base + "/members/groups/" + createGroupUnchecked(),
                "{\"ims_groups\": []}"), 403, "forbidden");
        assertThat(http.as(TestTokens.user(member)).get(base + "/members/groups").status()).isEqualTo(200);
        assertThat(allEvents()).isEqualTo(before + 1); // only the group created for the last check
    }

    @Test
    void previewHeaders_areOptional_butAValueOtherThanOptInIsRefused() {
        Http plain = http.as(TestTokens.user(owner));

        assertThat(plain.get(base + "/members/groups").status()).isEqualTo(200);
        assertThat(plain.header("Preview-API", "opt-in").get(base + "/members/groups").status()).isEqualTo(200);
        assertThat(plain.header("API-Preview", "").get(base + "/members/groups").status()).as("an empty header, as none")
                .isEqualTo(200);
        assertEvoError(plain.header("API-Preview", "yes").get(base + "/members/groups"), 422, "invalid-request");
        assertEvoError(plain.header("Preview-API", "no").get(base + "/ims/groups"), 422, "invalid-request");
    }

    @Test
    void imsReads_listDirectoryGroupsTheirPeopleAndPeopleByEmail() {
        String ann = "ann-" + UUID.randomUUID().toString().substring(0, 6) + "@geo.test";
        String ims = "ims-" + UUID.randomUUID();
        provision(ims, "Geology", ann);

        JsonNode groups = asOwner.get(base + "/ims/groups").json();
        assertThat(groups.isArray()).isTrue();
        assertThat(groups).filteredOn(g -> g.get("id").asText().equals(ims)).singleElement().satisfies(g -> {
            assertThat(g.get("name").asText()).isEqualTo("Geology");
            assertThat(g.get("is_federated_group").asBoolean()).isTrue();
        });
        JsonNode people = asOwner.get(base + "/ims/groups/" + ims + "/members").json().get("users");
        assertThat(people).extracting(p -> p.get("email").asText()).containsExactly(ann);
        assertThat(people.get(0).get("full_name").asText()).isEqualTo("Person " + ann);
        assertEvoError(asOwner.get(base + "/ims/groups/no-such-group/members"), 404, "not-found");

        String prefix = ann.substring(0, 10);
        assertThat(asOwner.get(base + "/ims/users?email=ilike:" + prefix + "*").json().get("users"))
                .extracting(p -> p.get("email").asText()).containsExactly(ann);
        assertThat(asOwner.get(base + "/ims/users?email=" + ann.toUpperCase()).json().get("users")).hasSize(1);
        assertThat(asOwner.get(base + "/ims/users?email=ilike:zzzzzzzzz*").json().get("users")).isEmpty();
        assertEvoError(asOwner.get(base + "/ims/users?email=ilike:a*"), 422, "invalid-request");
        assertEvoError(asOwner.get(base + "/ims/users"), 422, "invalid-request");
        // nine characters of wildcards alone would list the whole directory
        assertEvoError(asOwner.get(base + "/ims/users?email=ilike:***"), 422, "invalid-request");
        assertEvoError(asOwner.get(base + "/ims/users?email=ilike:*" + ann.substring(1, 10)), 422, "invalid-request");
    }

    @Test
    void provisioning_isForPlatformAdminsOnly_andValidatesItsInput() {
        String ims = "ims-" + UUID.randomUUID();
        long before = allEvents();

        assertThat(asOwner.put("/v1/directory/groups/" + ims, "{\"name\": \"X\", \"federated\": true, \"members\": []}")
                .status()).isEqualTo(403);
        assertThat(asAdmin.put("/v1/directory/groups/" + ims, "{\"name\": \"\", \"federated\": true, \"members\": []}")
                .status()).isEqualTo(422);
        assertThat(asAdmin.put("/v1/directory/groups/" + ims, "{\"name\": \"X\", \"members\": []}").status()).isEqualTo(422);
        HttpResult badEmail = asAdmin.put("/v1/directory/groups/" + ims,
                "{\"name\": \"X\", \"federated\": true, \"members\": [{\"email\": \"a@b.test\"}, {\"email\": \"bad\"}]}");
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.json().get("invalidParams")).extracting(p -> p.get("name").asText())
                .as("the rejected field is named as in the JSON").containsExactly("members[1].email");
        HttpResult noFederated = asAdmin.put("/v1/directory/groups/" + ims, "{\"name\": \"X\", \"members\": []}");
        assertThat(noFederated.json().get("invalidParams")).extracting(p -> p.get("name").asText()).containsExactly("federated");
        assertThat(asAdmin.put("/v1/directory/groups/" + ims, """
                {"name": "X", "federated": true, "members": [{"email": "a@b.test"}, {"email": "A@b.test"}]}""")
                .status()).isEqualTo(422);
        assertThat(asAdmin.put("/v1/directory/groups/bad%20id", "{\"name\": \"X\", \"federated\": true, \"members\": []}")
                .status()).isEqualTo(422);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void createGroup_answers201WithTheGroupAndItsId_andValidatesTheName() {
        HttpResult created = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                "{\"name\": \"Geologists\", \"description\": \"Rock people\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/organizations/" + org + "/groups/" + id);
        assertThat(created.json().get("name").asText()).isEqualTo("Geologists");
        assertThat(created.json().get("description").asText()).isEqualTo("Rock people");
        assertThat(created.json().get("members")).isEmpty();
        long before = allEvents();
        assertThat(http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups", "{\"name\": \"\"}")
                .status()).isEqualTo(422);
        assertThat(http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                "{\"name\": \"" + "x".repeat(129) + "\"}").status()).isEqualTo(422);
        assertThat(allEvents()).isEqualTo(before);
    }

    private HttpResult provision(String id, String name, String... emails) {
        StringBuilder members = new StringBuilder();
        for (String email : emails) {
            members.append(members.isEmpty() ? "" : ",")
                    .append("{\"email\": \"").append(email).append("\", \"fullName\": \"Person ").append(email).append("\"}");
        }
        return asAdmin.put("/v1/directory/groups/" + id,
                "{\"name\": \"" + name + "\", \"federated\": true, \"members\": [" + members + "]}");
    }

    private String createGroup(String name) {
        HttpResult created = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                "{\"name\": \"" + name + "\", \"description\": \"" + name + " people\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String createGroupUnchecked() {
        return createGroup("Another");
    }
}
