package dev.membership.web.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cloudflare envelopes, identifiers, refusals and cross-dialect truth, over real HTTP. */
class CloudflareApiTest extends ApiTestSupport {

    private String owner;
    private UUID org;
    private String account;
    private String base;
    private Http asOwner;
    private String alice;
    private String bob;

    @BeforeEach
    void account() {
        owner = email("owner");
        org = createOrganization(owner);
        account = hex(org);
        base = "/client/v4/accounts/" + account;
        asOwner = http.as(TestTokens.user(owner));
        alice = hex(UUID.fromString(membership(org, owner, email("alice"), "Admin")));
        bob = hex(UUID.fromString(invite(org, owner, email("bob"), "User")));
    }

    @Test
    void accountMembers_listPendingAndAcceptedMembersWithResultInfo() {
        JsonNode body = success(asOwner.get(base + "/members?per_page=5&direction=desc"));

        assertThat(body.get("result")).extracting(m -> m.get("id").asText()).contains(alice, bob);
        assertThat(body.get("result_info").get("total_count").asInt()).isEqualTo(3);
        assertThat(body.get("result_info").get("count").asInt()).isEqualTo(3);
        assertThat(body.get("result_info").get("per_page").asInt()).isEqualTo(5);
        JsonNode pending = find(body.get("result"), bob);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("user").get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(success(asOwner.get(base + "/members?status=pending")).get("result"))
                .extracting(m -> m.get("id").asText()).containsExactly(bob);
        assertThat(success(asOwner.get(base + "/members?page=9")).get("result")).isEmpty();
        assertError(asOwner.get(base + "/members?per_page=4"), 400, 1001);
    }

    @Test
    void accountMembers_totalCountsTheAcceptedMembersAndThePendingOnesNotYetExpired_byStatus() {
        String carol = email("carol");
        membership(org, owner, carol, "User");
        String dueInvitation = invite(org, owner, email("dave"), "User");
        // due, but not yet expired by the sweep: no longer listed, and no longer counted
        jdbc.sql("UPDATE read.member_v1 SET expires_at = now() - interval '1 minute' WHERE membership_id = :id")
                .param("id", UUID.fromString(dueInvitation)).update();
        assertThat(asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, carol)).status())
                .isEqualTo(204);

        JsonNode all = success(asOwner.get(base + "/members?per_page=5"));
        assertThat(all.get("result")).extracting(m -> m.get("user").get("email").asText())
                .as("the owner, alice and bob").hasSize(3).doesNotContain(carol).noneMatch(e -> e.startsWith("dave-"));
        assertThat(all.get("result")).extracting(m -> m.get("id").asText()).contains(alice, bob);
        assertThat(all.get("result_info").get("total_count").asInt()).isEqualTo(3);
        assertThat(success(asOwner.get(base + "/members?status=accepted")).get("result_info").get("total_count").asInt())
                .isEqualTo(2);
        assertThat(success(asOwner.get(base + "/members?status=pending")).get("result_info").get("total_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void accountMembers_pagesFollowTheSortOrderFromFirstToLastPage() {
        for (String name : List.of("Zed", "amy", "Bea", "carl", "Dora", "eve", "Finn", "gus")) {
            invite(org, owner, name + "-" + email("m"), "User");
        }
        for (String direction : List.of("asc", "desc")) {
            for (String order : List.of("user.email", "status")) {
                List<JsonNode> all = new java.util.ArrayList<>();
                success(asOwner.get(base + "/members?per_page=50&order=" + order + "&direction=" + direction))
                        .get("result").forEach(all::add);
                List<JsonNode> paged = new java.util.ArrayList<>();
                for (int page = 1; page <= 3; page++) {
                    success(asOwner.get(base + "/members?per_page=5&page=" + page + "&order=" + order
                            + "&direction=" + direction)).get("result").forEach(paged::add);
                }

                assertThat(paged).hasSize(11).isEqualTo(all);
                java.util.Comparator<JsonNode> byEmail = java.util.Comparator.comparing(
                        m -> m.get("user").get("email").asText().toLowerCase());
                java.util.Comparator<JsonNode> expected = order.equals("status")
                        ? java.util.Comparator.<JsonNode, String>comparing(m -> m.get("status").asText()).thenComparing(byEmail)
                        : byEmail;
                assertThat(all).isSortedAccordingTo(direction.equals("asc") ? expected
                        : order.equals("status")
                                ? java.util.Comparator.<JsonNode, String>comparing(m -> m.get("status").asText())
                                        .reversed().thenComparing(byEmail)
                                : byEmail.reversed());
            }
        }
    }

    @Test
    void accountMembers_orderedByLastName_followTheNameAfterItsFirstSpace_andByFirstName_theNameItself() {
        List<String> people = new java.util.ArrayList<>();
        for (String name : List.of("Ann Zed", " Bob  Young", "Cyd Xu")) { // spaces around and between, as a token may send
            String person = email(name.strip().substring(0, 3).toLowerCase());
            String invitation = invite(org, owner, person, "User");
            assertThat(http.as(TestTokens.withClaims(person, person, name)).post("/v1/invitations/" + invitation + "/accept", null)
                    .status()).isEqualTo(200);
            people.add(person);
        }

        java.util.function.Function<String, List<String>> listed = query -> {
            List<String> emails = new java.util.ArrayList<>();
            success(asOwner.get(base + "/members?per_page=50&" + query)).get("result")
                    .forEach(m -> emails.add(m.get("user").get("email").asText()));
            emails.retainAll(people);
            return emails;
        };
        assertThat(listed.apply("order=user.last_name")).containsExactly(people.get(2), people.get(1), people.get(0));
        assertThat(listed.apply("order=user.last_name&direction=desc")).containsExactly(people.get(0), people.get(1), people.get(2));
        assertThat(listed.apply("order=user.first_name")).containsExactly(people.get(0), people.get(1), people.get(2));
        JsonNode bob = null;
        for (JsonNode member : success(asOwner.get(base + "/members?per_page=50")).get("result")) {
            if (member.get("user").get("email").asText().equals(people.get(1))) {
                bob = member.get("user");
            }
        }
        assertThat(bob.get("first_name").asText()).isEqualTo("Bob");
        assertThat(bob.get("last_name").asText()).isEqualTo("Young");
    }

    /** A member added through Cloudflare is invited with its roles, listed, and its id is what the group routes take. */
    @Test
    void accountMembers_addInvitesWithTheRoles_andTheNewIdJoinsGroups() {
        String userRole = hex(UUID.fromString(roleId(org, owner, "User")));
        String newcomer = email("newcomer");

        JsonNode added = success(asOwner.post(base + "/members",
                "{\"email\": \"" + newcomer.toUpperCase(java.util.Locale.ROOT) + "\", \"roles\": [\"" + userRole + "\"]}"))
                .get("result");

        String id = added.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(added.get("email").asText()).isEqualTo(newcomer);
        assertThat(added.get("status").asText()).isEqualTo("pending");
        assertThat(added.get("user").get("email").asText()).isEqualTo(newcomer);
        assertThat(added.get("roles")).extracting(role -> role.get("id").asText()).containsExactly(userRole);
        assertThat(added.get("policies")).isEmpty();
        assertThat(success(asOwner.get(base + "/members?status=pending")).get("result"))
                .extracting(m -> m.get("id").asText()).contains(id);
        String groupId = group("Newcomers");
        assertThat(success(asOwner.post(base + "/iam/user_groups/" + groupId + "/members", "[{\"id\": \"" + id + "\"}]"))
                .get("result")).extracting(m -> m.get("id").asText()).containsExactly(id);
    }

    /**
     * {@code status: accepted} adds a person the service knows at once, as Evo's E2 does; someone it has never seen
     * still gets an invitation, and the answer says so. {@code pending}, the default, invites even known people.
     */
    @Test
    void accountMembers_addAccepted_addsAKnownPersonAtOnce_andInvitesAStranger() {
        String userRole = hex(UUID.fromString(roleId(org, owner, "User")));
        String known = email("known");
        createOrganization(known); // the owner of another organization: a person the service knows
        String knownToo = email("known-too");
        createOrganization(knownToo);

        JsonNode accepted = success(asOwner.post(base + "/members",
                "{\"email\": \"" + known + "\", \"roles\": [\"" + userRole + "\"], \"status\": \"accepted\"}")).get("result");
        JsonNode stranger = success(asOwner.post(base + "/members",
                "{\"email\": \"" + email("stranger") + "\", \"roles\": [\"" + userRole + "\"], \"status\": \"accepted\"}"))
                .get("result");
        JsonNode invited = success(asOwner.post(base + "/members",
                "{\"email\": \"" + knownToo + "\", \"roles\": [\"" + userRole + "\"], \"status\": \"pending\"}")).get("result");

        assertThat(accepted.get("status").asText()).isEqualTo("accepted");
        assertThat(stranger.get("status").asText()).isEqualTo("pending");
        assertThat(invited.get("status").asText()).isEqualTo("pending");
        assertThat(success(asOwner.get(base + "/members?status=accepted")).get("result"))
                .extracting(m -> m.get("id").asText()).contains(accepted.get("id").asText());
    }

    @Test
    void accountMembers_addRefusesBadInputAndPeopleAlreadyThere_inCloudflaresEnvelope_andWritesNothing() {
        String userRole = hex(UUID.fromString(roleId(org, owner, "User")));
        String member = email("member");
        membership(org, owner, member, "User");
        String aliceEmail = success(asOwner.get(base + "/members?status=accepted&per_page=50")).get("result").findValues("email")
                .stream().map(JsonNode::asText).filter(e -> e.startsWith("alice-")).findFirst().orElseThrow();
        String bobEmail = success(asOwner.get(base + "/members?status=pending")).get("result").get(0).get("email").asText();
        long before = allEvents();

        String fresh = email("fresh");
        for (String body : List.of(
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + hex(UUID.randomUUID()) + "\"]}",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"not-hex\"]}",
                "{\"email\": \"" + fresh + "\", \"roles\": []}",
                "{\"email\": \"" + fresh + "\"}",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\", \"" + userRole + "\"]}",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\", \"" + UUID.fromString(roleId(org, owner, "User"))
                        + "\"]}",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\", \"" + userRole.toUpperCase(java.util.Locale.ROOT) + "\"]}",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\"], \"policies\": [{\"access\": \"allow\"}]}",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\"], \"status\": \"rejected\"}",
                "{\"email\": \"not an email\", \"roles\": [\"" + userRole + "\"]}",
                "{\"roles\": [\"" + userRole + "\"]}",
                "[")) {
            HttpResult refused = asOwner.post(base + "/members", body);
            assertError(refused, 400, 1001);
            assertThat(refused.header("x-should-retry")).as(body).isEqualTo("false");
        }
        HttpResult unknownRole = asOwner.post(base + "/members",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\", \"" + hex(UUID.randomUUID()) + "\"]}");
        assertThat(unknownRole.json().get("errors").get(0).get("source").get("pointer").asText()).isEqualTo("/roles/1");
        for (String already : List.of(aliceEmail, bobEmail)) {
            for (String status : List.of("pending", "accepted")) {
                assertError(asOwner.post(base + "/members", "{\"email\": \"" + already + "\", \"roles\": [\"" + userRole
                        + "\"], \"status\": \"" + status + "\"}"), 409, 1005);
            }
        }
        assertError(http.as(TestTokens.user(member)).post(base + "/members",
                "{\"email\": \"" + fresh + "\", \"roles\": [\"" + userRole + "\"]}"), 403, 9109);
        assertThat(allEvents()).isEqualTo(before);
    }

    /** A page past the end is empty, and its {@code result_info} still counts what there is, in each paged list. */
    @Test
    void pagesPastTheEnd_areEmpty_andStillCountEverything() {
        String groupId = group("Counted");
        success(asOwner.put(base + "/iam/user_groups/" + groupId + "/members", "[{\"id\": \"" + alice + "\"}, {\"id\": \"" + bob + "\"}]"));
        group("Also counted");

        JsonNode members = success(asOwner.get(base + "/members?page=9")).get("result_info");
        JsonNode groups = success(asOwner.get(base + "/iam/user_groups?page=9&per_page=1")).get("result_info");
        JsonNode groupMembers = success(asOwner.get(base + "/iam/user_groups/" + groupId + "/members?page=9&per_page=1"))
                .get("result_info");

        assertThat(members.get("count").asInt()).isZero();
        assertThat(members.get("total_count").asInt()).isEqualTo(3);
        assertThat(members.get("page").asInt()).isEqualTo(9);
        assertThat(groups.get("count").asInt()).isZero();
        assertThat(groups.get("total_count").asInt()).isEqualTo(2);
        assertThat(groupMembers.get("count").asInt()).isZero();
        assertThat(groupMembers.get("total_count").asInt()).isEqualTo(2);
    }

    @Test
    void pagesAtTheLargestNumbers_areEmpty() {
        String groupId = group("Far paged");
        success(asOwner.put(base + "/iam/user_groups/" + groupId + "/members", "[{\"id\": \"" + alice + "\"}]"));

        for (String list : List.of("/members", "/iam/user_groups", "/iam/user_groups/" + groupId + "/members")) {
            for (String window : List.of("page=2147483647&per_page=5", "page=214748366&per_page=5", "page=21474837&per_page=50")) {
                JsonNode page = success(asOwner.get(base + list + "?" + window));

                assertThat(page.get("result")).as(list + "?" + window).isEmpty();
            }
        }
    }

    @Test
    void rejectedMembers_areNone_listedEmptyWithNoneCounted() {
        JsonNode rejected = success(asOwner.get(base + "/members?status=rejected"));

        assertThat(rejected.get("result")).isEmpty();
        assertThat(rejected.get("result_info").get("total_count").asInt()).isZero();
    }

    /** Cloudflare's global API keys are not taken: without a bearer token, a request is unauthenticated. */
    @Test
    void globalApiKeyHeaders_withoutABearerToken_areUnauthenticated() {
        HttpResult refused = http.anonymous().header("X-Auth-Email", owner).header("X-Auth-Key", "0123456789abcdef0123456789abcdef01234")
                .get(base + "/iam/user_groups");

        assertError(refused, 401, 10000);
    }

    @Test
    void userGroups_acceptTheAccountIdAsHexOrUuid_andAnswerHexIds() {
        HttpResult created = asOwner.post("/client/v4/accounts/" + org + "/iam/user_groups", "{\"name\": \"Readers\"}");

        JsonNode group = success(created).get("result");
        assertThat(group.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(group.get("created_on").asText()).endsWith("Z");
        assertThat(group.get("created_on").asText()).as("to the ten-thousandth of a second, as Cloudflare writes it")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{4}Z");
        assertThat(group.get("policies")).isEmpty();
        assertThat(success(asOwner.get(base + "/iam/user_groups/" + group.get("id").asText())).get("result").get("name").asText())
                .isEqualTo("Readers");
    }

    @Test
    void userGroups_fuzzyName_findsAGroupByItsNameAsWritten_whateverItsLetters() {
        // Java and PostgreSQL fold these letters to lower case differently (a dotted capital I, a final sigma):
        // the filter and the name are folded by the same function, so the name as written always finds its group
        String istanbul = group("İstanbul Ofisi");
        String street = group("ΟΔΟΣ Crew");

        for (var search : List.of(List.of("İstanbul", istanbul), List.of("ΟΔΟΣ", street), List.of("Ofisi", istanbul))) {
            String fuzzy = URLEncoder.encode(search.get(0), StandardCharsets.UTF_8);
            assertThat(success(asOwner.get(base + "/iam/user_groups?fuzzyName=" + fuzzy)).get("result"))
                    .as(search.get(0)).extracting(g -> g.get("id").asText()).containsExactly(search.get(1));
        }
    }

    @Test
    void userGroups_filteredById_alsoHonourTheNameFilters() {
        String id = group("Field Geologists");
        String list = base + "/iam/user_groups?id=" + id;

        assertThat(success(asOwner.get(list)).get("result")).extracting(g -> g.get("id").asText()).containsExactly(id);
        assertThat(success(asOwner.get(list + "&fuzzyName=GEOLOG")).get("result")).hasSize(1);
        assertThat(success(asOwner.get(list + "&name=Field%20Geologists")).get("result")).hasSize(1);
        for (String filter : List.of("&fuzzyName=chemist", "&name=Field", "&name=Field%20Geologists&fuzzyName=chemist")) {
            JsonNode none = success(asOwner.get(list + filter));
            assertThat(none.get("result")).as(filter).isEmpty();
            assertThat(none.get("result_info").get("total_count").asInt()).as(filter).isZero();
        }
    }

    @Test
    void groupMembers_pagesFollowTheEmailOrderFromFirstToLastPage_withTheFuzzyFilter() {
        String groupId = group("Ordered");
        List<String> ids = new java.util.ArrayList<>(List.of(alice, bob));
        for (String name : List.of("Zed", "amy", "Bea", "carl", "Dora", "eve", "Finn", "gus")) {
            ids.add(hex(UUID.fromString(invite(org, owner, name + "-" + email("g"), "User"))));
        }
        String path = base + "/iam/user_groups/" + groupId + "/members";
        success(asOwner.post(path, ids.stream().map(id -> "{\"id\": \"" + id + "\"}")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"))));

        for (String direction : List.of("asc", "desc")) {
            List<JsonNode> all = new java.util.ArrayList<>();
            success(asOwner.get(path + "?per_page=50&direction=" + direction)).get("result").forEach(all::add);
            List<JsonNode> paged = new java.util.ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                JsonNode body = success(asOwner.get(path + "?per_page=4&page=" + page + "&direction=" + direction));
                assertThat(body.get("result_info").get("total_count").asInt()).isEqualTo(10);
                body.get("result").forEach(paged::add);
            }

            assertThat(paged).hasSize(10).isEqualTo(all);
            java.util.Comparator<JsonNode> byEmail = java.util.Comparator.comparing(m -> m.get("email").asText().toLowerCase());
            assertThat(all).isSortedAccordingTo(direction.equals("asc") ? byEmail : byEmail.reversed());
        }
        JsonNode filtered = success(asOwner.get(path + "?per_page=1&page=2&fuzzyEmail=" + "-g-"));
        assertThat(filtered.get("result_info").get("total_count").asInt()).isEqualTo(8);
        assertThat(filtered.get("result")).hasSize(1);
    }

    @Test
    void members_postIsIdempotent_putReplacesAndEmptyPutClears_pendingMembersJoinGroups() {
        String groupId = group("Team");
        String path = base + "/iam/user_groups/" + groupId + "/members";

        success(asOwner.post(path, "[{\"id\": \"" + alice + "\"}, {\"id\": \"" + bob + "\"}]"));
        long before = eventsOf(fromHex(groupId));
        JsonNode again = success(asOwner.post(path, "[{\"id\": \"" + alice + "\"}]")).get("result");
        assertThat(again).extracting(m -> m.get("id").asText()).containsExactly(alice);
        assertThat(eventsOf(fromHex(groupId))).isEqualTo(before);
        JsonNode list = success(asOwner.get(path));
        assertThat(list.get("result")).extracting(m -> m.get("status").asText()).containsExactlyInAnyOrder("accepted", "pending");

        assertThat(success(asOwner.put(path, "[{\"id\": \"" + bob + "\"}]")).get("result"))
                .extracting(m -> m.get("id").asText()).containsExactly(bob);
        assertThat(success(asOwner.put(path, "[]")).get("result")).isEmpty();
        assertThat(success(asOwner.get(path)).get("result_info").get("total_count").asInt()).isZero();
    }

    @Test
    void aPendingMembersGroupsCarryOverWhenTheyAccept() {
        String carol = email("carol");
        String carolInvitation = invite(org, owner, carol, "User");
        String groupId = group("Newcomers");
        success(asOwner.post(base + "/iam/user_groups/" + groupId + "/members", "[{\"id\": \"" + hex(UUID.fromString(carolInvitation)) + "\"}]"));

        assertThat(http.as(TestTokens.user(carol)).post("/v1/invitations/" + carolInvitation + "/accept", null).status()).isEqualTo(200);

        JsonNode member = success(asOwner.get(base + "/iam/user_groups/" + groupId + "/members/" + hex(UUID.fromString(carolInvitation))))
                .get("result");
        assertThat(member.get("status").asText()).isEqualTo("accepted");
        assertThat(member.get("email").asText()).isEqualTo(carol);
    }

    @Test
    void badInput_answers4xxInCloudflaresEnvelope_withoutRetry_andWritesNothing() {
        String groupId = group("Guarded");
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String foreign = hex(UUID.fromString(membership(otherOrg, otherOwner, email("foreign"), "User")));
        String path = base + "/iam/user_groups/" + groupId + "/members";
        long before = allEvents();

        for (String body : List.of("[{\"id\": \"" + UUID.randomUUID().toString().replace("-", "") + "\"}]",
                "[{\"id\": \"" + foreign + "\"}]", "[{\"id\": \"not-hex\"}]", "[{}]", "{\"id\": \"" + alice + "\"}",
                "[{\"id\": \"" + alice + "\"}, {\"id\": \"" + alice + "\"}]", "[")) {
            HttpResult refused = asOwner.post(path, body);
            assertError(refused, 400, 1001);
            assertThat(refused.header("x-should-retry")).isEqualTo("false");
            assertError(asOwner.put(path, body), 400, 1001);
        }
        HttpResult unknownMember = asOwner.post(path, "[{\"id\": \"" + foreign + "\"}]");
        assertThat(unknownMember.json().get("errors").get(0).get("source").get("pointer").asText()).isEqualTo("/0/id");
        assertError(asOwner.post(base + "/iam/user_groups", "{\"name\": \"" + "x".repeat(129) + "\"}"), 400, 1001);
        assertError(asOwner.post(base + "/iam/user_groups", "{\"name\": \"\"}"), 400, 1001);
        assertError(asOwner.post(base + "/iam/user_groups", "{\"name\": \"p\", \"policies\": [{\"access\": \"allow\"}]}"), 400, 1001);
        assertError(asOwner.put(base + "/iam/user_groups/" + groupId, "{\"name\": \"  \"}"), 400, 1001);
        assertError(asOwner.get(base + "/iam/user_groups?per_page=501"), 400, 1001);
        assertError(asOwner.get(base + "/iam/user_groups?direction=up"), 400, 1001);
        assertError(asOwner.get("/client/v4/accounts/xyz/iam/user_groups"), 400, 1001);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void anotherAccountsGroup_isNotFound_strangersSee404_andUserRoleMembersCannotWrite() {
        String otherOwner = email("other");
        UUID otherOrg = createOrganization(otherOwner);
        String foreignGroup = success(http.as(TestTokens.user(otherOwner)).post("/client/v4/accounts/" + hex(otherOrg) + "/iam/user_groups",
                "{\"name\": \"Theirs\"}")).get("result").get("id").asText();
        String member = email("member");
        membership(org, owner, member, "User");
        long before = allEvents();

        assertError(asOwner.get(base + "/iam/user_groups/" + foreignGroup), 404, 1003);
        assertError(asOwner.put(base + "/iam/user_groups/" + foreignGroup + "/members", "[]"), 404, 1003);
        assertError(asOwner.delete(base + "/iam/user_groups/" + foreignGroup), 404, 1003);
        assertError(http.as(TestTokens.user(otherOwner)).get(base + "/iam/user_groups"), 404, 1003);
        assertError(http.as(TestTokens.user(member)).post(base + "/iam/user_groups", "{\"name\": \"Mine\"}"), 403, 9109);
        assertError(http.anonymous().get(base + "/iam/user_groups"), 401, 10000);
        assertError(asOwner.delete(base + "/iam/user_groups/" + group("Kept") + "/members/" + alice), 404, 1003);
        assertThat(allEvents()).isEqualTo(before + 1);
    }

    @Test
    void aGroupMadeThroughDocSpace_isTheSameGroupInCloudflareAndEvo() {
        String aliceUuid = fromHex(alice).toString();
        String bobUuid = fromHex(bob).toString();
        String groupId = http.as(TestTokens.user(owner)).post("/docspace/" + org + "/api/2.0/group",
                "{\"groupName\": \"Shared\", \"members\": [\"" + aliceUuid + "\", \"" + bobUuid + "\"]}")
                .json().get("response").get("id").asText();

        JsonNode viaCloudflare = success(asOwner.get(base + "/iam/user_groups/" + hex(UUID.fromString(groupId)) + "/members"));
        assertThat(viaCloudflare.get("result")).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder(alice, bob);
        assertThat(success(asOwner.get(base + "/iam/user_groups/" + hex(UUID.fromString(groupId)))).get("result").get("name").asText())
                .isEqualTo("Shared");
        JsonNode viaEvo = asOwner.get("/workspace/orgs/" + org + "/members/groups").json().get("groups");
        assertThat(viaEvo).singleElement().satisfies(group -> assertThat(group.get("id").asText()).isEqualTo(groupId));
    }

    @Test
    void aUserRemovedThroughEvo_disappearsFromTheGroupInEveryDialect() {
        String carol = email("carol");
        String carolId = membership(org, owner, carol, "User");
        String groupId = group("Everyone");
        success(asOwner.put(base + "/iam/user_groups/" + groupId + "/members",
                "[{\"id\": \"" + alice + "\"}, {\"id\": \"" + hex(UUID.fromString(carolId)) + "\"}]"));

        assertThat(asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, carol)).status()).isEqualTo(204);

        assertThat(success(asOwner.get(base + "/iam/user_groups/" + groupId + "/members")).get("result"))
                .extracting(m -> m.get("id").asText()).containsExactly(alice);
        assertThat(asOwner.get("/docspace/" + org + "/api/2.0/group/" + fromHex(groupId)).json().get("response").get("members"))
                .extracting(m -> m.get("email").asText()).doesNotContain(carol);
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/groups").json().get("groups").get(0).get("members"))
                .extracting(m -> m.get("email").asText()).doesNotContain(carol);
    }

    private String group(String name) {
        return success(asOwner.post(base + "/iam/user_groups", "{\"name\": \"" + name + "\"}")).get("result").get("id").asText();
    }

    private static JsonNode success(HttpResult result) {
        assertThat(result.status()).as("status of %s", result).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("errors")).isEmpty();
        assertThat(body.get("messages")).isEmpty();
        assertThat(body.has("result")).isTrue();
        return body;
    }

    private static void assertError(HttpResult result, int status, int code) {
        assertThat(result.status()).as("status of %s", result).isEqualTo(status);
        JsonNode body = result.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("result").isNull()).isTrue();
        assertThat(body.get("messages")).isEmpty();
        assertThat(body.get("errors")).isNotEmpty();
        assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(code);
        assertThat(body.get("errors").get(0).get("message").asText()).isNotBlank();
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + items);
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    private static UUID fromHex(String hex) {
        return UUID.fromString(hex.replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5"));
    }
}
