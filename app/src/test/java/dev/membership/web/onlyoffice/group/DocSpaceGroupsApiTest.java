package dev.membership.web.onlyoffice.group;

import static dev.membership.web.onlyoffice.OnlyofficeAssertions.assertError;
import static dev.membership.web.onlyoffice.OnlyofficeAssertions.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ONLYOFFICE DocSpace groups under /docspace/{orgId}, over real HTTP. */
class DocSpaceGroupsApiTest extends ApiTestSupport {

    private static final String EMPTY = "00000000-0000-0000-0000-000000000000";

    private String owner;
    private UUID org;
    private String base;
    private Http asOwner;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void portal() {
        owner = email("owner");
        org = createOrganization(owner);
        base = "/docspace/" + org + "/api/2.0/group";
        asOwner = http.as(TestTokens.user(owner));
        alice = membership(org, owner, email("alice"), "Admin");
        bob = membership(org, owner, email("bob"), "User");
        carol = invite(org, owner, email("carol"), "User");
    }

    @Test
    void create_answersTheGroupWithManagerAndMembersInTheSuccessEnvelope() {
        HttpResult created = asOwner.post(base, """
                {"groupName": "Marketing Team", "groupManager": "%s", "members": ["%s", "%s"]}""".formatted(alice, bob, carol));

        JsonNode group = assertSuccess(created, "POST");
        assertThat(created.json().get("count").asInt()).isEqualTo(1);
        assertThat(created.json().has("total")).isFalse();
        assertThat(group.get("name").asText()).isEqualTo("Marketing Team");
        assertThat(group.get("parent").asText()).isEqualTo(EMPTY);
        assertThat(group.get("category").asText()).isEqualTo(EMPTY);
        assertThat(group.get("isLDAP").asBoolean()).isFalse();
        assertThat(group.get("membersCount").asInt()).isEqualTo(3);
        assertThat(group.get("manager").get("id").asText()).isEqualTo(alice);
        assertThat(group.get("members")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(alice, bob, carol);
        JsonNode member = find(group.get("members"), bob);
        assertThat(member.get("status").asInt()).isEqualTo(1);
        assertThat(member.get("activationStatus").asInt()).isEqualTo(1);
        assertThat(member.get("theme").asText()).isEqualTo("Base");
        assertThat(member.get("registrationDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(member.get("groups")).extracting(g -> g.get("name").asText()).containsExactly("Marketing Team");
        assertThat(member.has("title")).as("null members are omitted").isFalse();
        assertThat(member.get("email").asText()).startsWith("bob-");
        String bobsName = member.get("email").asText().substring(0, member.get("email").asText().indexOf('@'));
        assertThat(member.get("userName").asText()).isEqualTo(bobsName);
        assertThat(member.get("profileUrl").asText()).matches("http://localhost:\\d+/docspace/" + org + "/accounts/view/" + bobsName);
        assertThat(group.get("manager").get("profileUrl").asText())
                .endsWith("/docspace/" + org + "/accounts/view/" + group.get("manager").get("userName").asText());
        assertThat(find(group.get("members"), carol).get("activationStatus").asInt()).as("pending invitation").isEqualTo(2);
        assertThat(find(group.get("members"), alice).get("isAdmin").asBoolean()).isTrue();
    }

    @Test
    void members_showTheirOwnRoles_fromTheOrganizationsCatalogue() {
        String groupId = group("Roles", alice, bob);

        JsonNode group = assertSuccess(asOwner.get(base + "/" + groupId), "GET");

        assertThat(find(group.get("members"), alice).get("isAdmin").asBoolean()).isTrue();
        assertThat(find(group.get("members"), alice).get("isOwner").asBoolean()).isFalse();
        assertThat(find(group.get("members"), bob).get("isAdmin").asBoolean()).isFalse();
        assertThat(find(group.get("members"), bob).get("isOwner").asBoolean()).isFalse();
    }

    @Test
    void replaceMembers_thatDropTheManager_alsoClearTheManager() {
        String groupId = managedGroup("Managed", alice, bob);

        JsonNode group = assertSuccess(asOwner.post(base + "/" + groupId + "/members", "{\"members\": [\"" + bob + "\"]}"), "POST");

        assertThat(group.has("manager")).isFalse();
        assertThat(group.get("members")).extracting(m -> m.get("id").asText()).containsExactly(bob);
    }

    @Test
    void replaceMembers_ofAGroupOfThree_withTwo_leavesExactlyThoseTwo_recordedInOneEvent() {
        String groupId = group("Three", alice, bob, carol);
        String dave = membership(org, owner, email("dave"), "User");
        long before = eventsOf(UUID.fromString(groupId));

        HttpResult replaced = asOwner.post(base + "/" + groupId + "/members", """
                {"members": ["%s", "%s"]}""".formatted(bob, dave));

        JsonNode group = assertSuccess(replaced, "POST");
        assertThat(group.get("members")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(bob, dave);
        assertThat(group.get("membersCount").asInt()).isEqualTo(2);
        assertThat(eventsOf(UUID.fromString(groupId))).isEqualTo(before + 1);
        String payload = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1""")
                .param("id", groupId).query(String.class).single();
        assertThat(payload).contains("\"addedMembershipIds\":[\"" + dave + "\"]").contains(alice).contains(carol);
    }

    @Test
    void replaceMembers_withAnEmptyList_clearsTheGroup() {
        String groupId = group("Cleared", alice, bob);

        JsonNode group = assertSuccess(asOwner.post(base + "/" + groupId + "/members", "{\"members\": []}"), "POST");

        assertThat(group.get("members")).isEmpty();
        assertThat(group.get("membersCount").asInt()).isZero();
    }

    @Test
    void addAndRemoveMembers_areIdempotentForMembersAlreadyInOrOut() {
        String groupId = group("Changing", alice);

        JsonNode added = assertSuccess(asOwner.put(base + "/" + groupId + "/members",
                "{\"members\": [\"" + alice + "\", \"" + bob + "\"]}"), "PUT");
        assertThat(added.get("members")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(alice, bob);
        long before = eventsOf(UUID.fromString(groupId));
        assertSuccess(asOwner.put(base + "/" + groupId + "/members", "{\"members\": [\"" + bob + "\"]}"), "PUT");
        assertThat(eventsOf(UUID.fromString(groupId))).isEqualTo(before);

        JsonNode removed = assertSuccess(asOwner.send("DELETE", base + "/" + groupId + "/members",
                "{\"members\": [\"" + alice + "\", \"" + carol + "\"]}"), "DELETE");
        assertThat(removed.get("members")).extracting(m -> m.get("id").asText()).containsExactly(bob);
    }

    @Test
    void removeMembers_withANullOrMissingList_removesNoOne_andAnswersTheGroup() {
        String groupId = group("Kept whole", alice, bob);
        long before = eventsOf(UUID.fromString(groupId));

        for (String body : List.of("{\"members\": null}", "{}")) {
            JsonNode group = assertSuccess(asOwner.send("DELETE", base + "/" + groupId + "/members", body), "DELETE");
            assertThat(group.get("members")).as(body).extracting(m -> m.get("id").asText())
                    .containsExactlyInAnyOrder(alice, bob);
        }
        assertThat(eventsOf(UUID.fromString(groupId))).isEqualTo(before);
        assertError(asOwner.send("DELETE", base + "/" + UUID.randomUUID() + "/members", "{\"members\": null}"), 404);
        assertError(asOwner.send("PUT", base + "/" + groupId + "/members", "{\"members\": null}"), 400);
    }

    @Test
    void update_renamesSetsTheManagerAddsAndRemoves_andSetManagerMakesAMember() {
        String groupId = group("Old name", alice, bob);

        JsonNode updated = assertSuccess(asOwner.put(base + "/" + groupId, """
                {"groupName": "New name", "groupManager": "%s", "membersToAdd": ["%s"], "membersToRemove": ["%s"]}"""
                .formatted(bob, carol, alice)), "PUT");

        assertThat(updated.get("name").asText()).isEqualTo("New name");
        assertThat(updated.get("manager").get("id").asText()).isEqualTo(bob);
        assertThat(updated.get("members")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(bob, carol);

        JsonNode managed = assertSuccess(asOwner.put(base + "/" + groupId + "/manager", "{\"userId\": \"" + alice + "\"}"), "PUT");
        assertThat(managed.get("manager").get("id").asText()).isEqualTo(alice);
        assertThat(managed.get("members")).extracting(m -> m.get("id").asText()).contains(alice);
        JsonNode kept = assertSuccess(asOwner.put(base + "/" + groupId, "{\"groupName\": null}"), "PUT");
        assertThat(kept.get("name").asText()).isEqualTo("New name");
    }

    /** D9 names a user, as DocSpace's server finds one: a user the portal does not have is not found (404). */
    @Test
    void setManager_toAUserThePortalDoesNotHave_isNotFound_andWritesNothing() {
        String groupId = managedGroup("Managed", alice, bob);
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String foreign = membership(otherOrg, otherOwner, email("foreign"), "User");
        long before = allEvents();

        for (String user : List.of(UUID.randomUUID().toString(), EMPTY, foreign)) {
            HttpResult refused = asOwner.put(base + "/" + groupId + "/manager", "{\"userId\": \"" + user + "\"}");
            assertError(refused, 404);
            assertThat(refused.json().get("error").get("message").asText()).isEqualTo("User not found");
        }

        assertThat(allEvents()).isEqualTo(before);
        assertThat(assertSuccess(asOwner.get(base + "/" + groupId), "GET").get("manager").get("id").asText()).isEqualTo(alice);
    }

    /** D7's {@code groupManager} of {@code Guid.Empty} leaves the group without a manager, as on DocSpace's server. */
    @Test
    void update_withTheEmptyGuidAsManager_removesTheManager_andKeepsTheMembers() {
        String groupId = managedGroup("Managed", alice, bob);

        JsonNode updated = assertSuccess(asOwner.put(base + "/" + groupId, """
                {"groupName": "Renamed", "groupManager": "%s"}""".formatted(EMPTY)), "PUT");

        assertThat(updated.get("name").asText()).isEqualTo("Renamed");
        assertThat(updated.has("manager")).isFalse();
        assertThat(updated.get("members")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void aMembersOtherGroups_nameTheirManagers_whetherOrNotTheManagerIsListed() {
        String listed = group("Listed", bob);
        String other = managedGroup("Managed by Alice", alice, bob);

        JsonNode group = assertSuccess(asOwner.get(base + "/" + listed), "GET");

        JsonNode bobsGroups = find(group.get("members"), bob).get("groups");
        assertThat(bobsGroups).extracting(g -> g.get("id").asText()).containsExactlyInAnyOrder(listed, other);
        JsonNode managed = find(bobsGroups, other);
        String alicesName = find(assertSuccess(asOwner.get(base + "/" + other), "GET").get("members"), alice)
                .get("userName").asText();
        assertThat(alicesName).startsWith("alice-");
        assertThat(managed.get("manager").asText()).isEqualTo(alicesName);
        assertThat(find(bobsGroups, listed).has("manager")).as("no manager").isFalse();
    }

    @Test
    void get_includesMembersByDefault_andLeavesThemOutOnRequest() {
        String groupId = group("Readers", alice, bob);

        JsonNode full = assertSuccess(asOwner.get(base + "/" + groupId), "GET");
        JsonNode slim = assertSuccess(asOwner.get(base + "/" + groupId + "?includeMembers=false"), "GET");

        assertThat(full.get("members")).hasSize(2);
        assertThat(slim.has("members")).isFalse();
        assertThat(slim.get("membersCount").asInt()).isEqualTo(2);
    }

    @Test
    void list_pagesWithCountStartIndexAndTotal_sortsAndFilters() {
        managedGroup("Bravo", alice);
        managedGroup("alpha", alice, bob, carol);
        managedGroup("Charlie", alice, bob);

        HttpResult first = asOwner.get(base + "?count=2&startIndex=0");
        JsonNode page = assertSuccess(first, "GET");
        assertThat(first.json().get("count").asInt()).isEqualTo(2);
        assertThat(first.json().get("total").asInt()).isEqualTo(3);
        assertThat(page).extracting(g -> g.get("name").asText()).containsExactly("alpha", "Bravo");
        assertThat(page.get(0).has("members")).isFalse();
        assertThat(page.get(0).get("membersCount").asInt()).isEqualTo(3);
        assertThat(page.get(0).get("manager").get("id").asText()).isEqualTo(alice);

        HttpResult last = asOwner.get(base + "?count=2&startIndex=2");
        assertThat(last.json().get("count").asInt()).isEqualTo(1);
        HttpResult past = asOwner.get(base + "?count=2&startIndex=10");
        assertThat(past.json().get("count").asInt()).isZero();
        assertThat(past.json().get("response")).isEmpty();

        assertThat(assertSuccess(asOwner.get(base + "?sortBy=membersCount&sortOrder=1"), "GET"))
                .extracting(g -> g.get("name").asText()).containsExactly("alpha", "Charlie", "Bravo");
        assertThat(assertSuccess(asOwner.get(base + "?sortBy=displayName&sortOrder=1"), "GET"))
                .extracting(g -> g.get("name").asText()).containsExactly("Charlie", "Bravo", "alpha");
        assertThat(assertSuccess(asOwner.get(base + "?filterValue=RAV"), "GET"))
                .extracting(g -> g.get("name").asText()).containsExactly("Bravo");
        assertThat(assertSuccess(asOwner.get(base + "?userId=" + bob), "GET"))
                .extracting(g -> g.get("name").asText()).containsExactly("alpha", "Charlie");
    }

    @Test
    void delete_answers204_andTheGroupIsGoneEverywhere() {
        String groupId = group("Doomed", alice);

        HttpResult deleted = asOwner.delete(base + "/" + groupId);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(asOwner.get(base + "/" + groupId), 404);
        assertError(asOwner.delete(base + "/" + groupId), 404);
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/groups").json().get("groups")).isEmpty();
    }

    @Test
    void badInput_answers400InTheErrorEnvelope_andWritesNothing() {
        String groupId = group("Guarded", alice);
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String foreign = membership(otherOrg, otherOwner, email("foreign"), "User");
        long before = allEvents();

        List<String[]> cases = List.of(
                new String[] {"POST", base, "{\"groupName\": \"x\", \"members\": [\"" + UUID.randomUUID() + "\"]}"},
                new String[] {"POST", base, "{\"groupName\": \"x\", \"members\": [\"" + foreign + "\"]}"},
                new String[] {"POST", base, "{\"groupName\": \"x\", \"groupManager\": \"" + foreign + "\"}"},
                new String[] {"POST", base, "{\"groupName\": \"x\", \"members\": [\"not-a-guid\"]}"},
                new String[] {"POST", base, "{\"groupName\": \"" + "n".repeat(129) + "\"}"},
                new String[] {"POST", base, "{\"groupName\": \"   \"}"},
                new String[] {"POST", base, "{\"groupName\": "},
                new String[] {"POST", base + "/" + groupId + "/members", "{\"members\": [\"" + foreign + "\"]}"},
                new String[] {"POST", base + "/" + groupId + "/members", "{\"members\": [\"" + bob + "\", \"" + UUID.randomUUID() + "\"]}"},
                new String[] {"POST", base + "/" + groupId + "/members", "{}"},
                new String[] {"PUT", base + "/" + groupId + "/members", "{\"members\": [\"" + foreign + "\"]}"},
                new String[] {"PUT", base + "/" + groupId, "{\"groupName\": \"ok\", \"membersToAdd\": [\"" + foreign + "\"]}"},
                new String[] {"PUT", base + "/" + groupId, "{\"groupName\": \"" + "n".repeat(129) + "\"}"},
                new String[] {"PUT", base + "/" + groupId + "/manager", "{}"});
        for (String[] testCase : cases) {
            assertError(asOwner.send(testCase[0], testCase[1], testCase[2]), 400);
        }
        assertError(asOwner.get(base + "?count=101"), 400);
        assertError(asOwner.get(base + "?sortOrder=2"), 400);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void anotherOrganizationsGroup_isNotFound_andStrangersAndUsersAreKeptOut() {
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String foreignGroup = http.as(TestTokens.user(otherOwner)).post("/docspace/" + otherOrg + "/api/2.0/group",
                "{\"groupName\": \"Theirs\"}").json().get("response").get("id").asText();
        String member = email("member");
        membership(org, owner, member, "User");
        long before = allEvents();

        assertError(asOwner.get(base + "/" + foreignGroup), 404);
        assertError(asOwner.post(base + "/" + foreignGroup + "/members", "{\"members\": []}"), 404);
        assertError(http.as(TestTokens.user(otherOwner)).get(base), 404);
        assertError(http.as(TestTokens.user(member)).post(base, "{\"groupName\": \"Mine\"}"), 403);
        assertThat(assertSuccess(http.as(TestTokens.user(member)).get(base), "GET")).isEmpty();
        assertError(http.anonymous().get(base), 401);
        assertError(http.as(TestTokens.badSignature(owner)).get(base), 401);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void theTokenIsAcceptedAsCookieRawHeaderOrBearer() {
        String token = TestTokens.user(owner);

        assertThat(http.anonymous().header("Cookie", "asc_auth_key=" + token).get(base).status()).isEqualTo(200);
        assertThat(http.anonymous().header("Authorization", token).get(base).status()).isEqualTo(200);
        assertThat(http.as(token).get(base).status()).isEqualTo(200);
        // only DocSpace takes raw tokens
        assertThat(http.anonymous().header("Authorization", token).get("/workspace/orgs/" + org + "/members/roles").status())
                .isEqualTo(401);
    }

    @Test
    void theCookieIsReadBeforeTheHeader_asDocSpacesServerReadsThem_andTwoCookiesAreRefused() {
        String stranger = TestTokens.user(email("stranger"));
        String token = TestTokens.user(owner);

        assertThat(http.as(token).header("Cookie", "asc_auth_key=" + stranger).get(base).status())
                .as("the stranger's cookie is read, not the owner's header").isEqualTo(404);
        assertThat(http.as(stranger).header("Cookie", "asc_auth_key=" + token).get(base).status()).isEqualTo(200);
        assertError(http.anonymous().header("Cookie", "asc_auth_key=" + token + "; asc_auth_key=" + stranger).get(base), 401);
    }

    @Test
    void aGroupMadeThroughDocSpace_isListedByEvoWithTheSameMembers() {
        String groupId = group("Shared", alice, bob);

        JsonNode evoGroups = asOwner.get("/workspace/orgs/" + org + "/members/groups").json().get("groups");

        assertThat(evoGroups).singleElement().satisfies(group -> {
            assertThat(group.get("id").asText()).isEqualTo(groupId);
            assertThat(group.get("members")).extracting(m -> m.get("email").asText())
                    .containsExactlyInAnyOrderElementsOf(emailsOf(groupId));
        });
    }

    private List<String> emailsOf(String groupId) {
        JsonNode members = asOwner.get(base + "/" + groupId).json().get("response").get("members");
        return java.util.stream.StreamSupport.stream(members.spliterator(), false).map(m -> m.get("email").asText()).toList();
    }

    private String group(String name, String... members) {
        return createGroup(name, null, members);
    }

    private String managedGroup(String name, String... members) {
        return createGroup(name, members[0], members);
    }

    private String createGroup(String name, String managerId, String... members) {
        StringBuilder list = new StringBuilder();
        for (String member : members) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(member).append('"');
        }
        String manager = managerId != null ? ", \"groupManager\": \"" + managerId + "\"" : "";
        HttpResult created = asOwner.post(base, "{\"groupName\": \"" + name + "\"" + manager + ", \"members\": [" + list + "]}");
        return assertSuccess(created, "POST").get("id").asText();
    }

    private static JsonNode find(JsonNode users, String id) {
        for (JsonNode user : users) {
            if (user.get("id").asText().equals(id)) {
                return user;
            }
        }
        throw new AssertionError("no user " + id + " in " + users);
    }
}
