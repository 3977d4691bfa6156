package dev.membership.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An answer's count describes the list it is sent with, while the group's members are replaced over and over: each
 * answer reads one committed state, never a count of one and the list of another.
 */
class CountsMatchListsApiTest extends ApiTestSupport {

    @Test
    void everyAnswerWithACountAndAList_agreesWithItself_whileTheListChanges() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(membership(org, owner, email("member" + i), "User"));
        }
        List<String> few = many.subList(0, 5);
        String docspace = "/docspace/" + org + "/api/2.0/group";
        String groupId = asOwner.post(docspace, "{\"groupName\": \"Changing\"}").json().get("response").get("id").asText();
        String hexOrg = org.toString().replace("-", "");
        String c1 = "/client/v4/accounts/" + hexOrg + "/iam/user_groups/" + groupId.replace("-", "") + "/members?per_page=500";
        String nativeGroup = "/v1/organizations/" + org + "/groups/" + groupId;

        CompletableFuture<Void> replacing = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 30; round++) {
                List<String> members = round % 2 == 0 ? many : few;
                assertThat(asOwner.post(docspace + "/" + groupId + "/members", "{\"members\": [\"" + String.join("\", \"", members)
                        + "\"]}").status()).isEqualTo(200);
            }
        });
        List<String> torn = new ArrayList<>();
        int answers = 0;
        while (!replacing.isDone() || answers == 0) {
            JsonNode d6 = asOwner.get(docspace + "/" + groupId).json().get("response");
            if (d6.get("membersCount").asInt() != d6.get("members").size()) {
                torn.add("D6 " + d6.get("membersCount") + " with " + d6.get("members").size());
            }
            JsonNode group = asOwner.get(nativeGroup).json();
            if (group.get("memberCount").asInt() != group.get("members").size()) {
                torn.add("native " + group.get("memberCount") + " with " + group.get("members").size());
            }
            JsonNode page = asOwner.get(c1).json();
            if (page.get("result_info").get("total_count").asInt() != page.get("result").size()) {
                torn.add("C1 " + page.get("result_info").get("total_count") + " with " + page.get("result").size());
            }
            JsonNode filtered = asOwner.get(c1 + "&fuzzyEmail=member").json();
            if (filtered.get("result_info").get("total_count").asInt() != filtered.get("result").size()) {
                torn.add("C1 by email " + filtered.get("result_info").get("total_count") + " with " + filtered.get("result").size());
            }
            answers += 4;
        }
        replacing.join();

        assertThat(answers).isGreaterThan(3);
        assertThat(torn).as("answers whose count and list disagree, of %d", answers).isEmpty();
    }

    @Test
    void aListOfGroupsAndItsTotal_agree_whileGroupsComeAndGo() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String docspace = "/docspace/" + org + "/api/2.0/group";
        String cloudflare = "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups?per_page=500";

        CompletableFuture<Void> changing = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 15; round++) {
                List<String> made = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    made.add(asOwner.post(docspace, "{\"groupName\": \"Round " + round + "-" + i + "\"}").json()
                            .get("response").get("id").asText());
                }
                made.forEach(id -> assertThat(asOwner.delete(docspace + "/" + id).status()).isEqualTo(204));
            }
        });
        List<String> torn = new ArrayList<>();
        int answers = 0;
        while (!changing.isDone() || answers == 0) {
            JsonNode d4 = asOwner.get(docspace + "?count=100").json();
            if (d4.get("total").asInt() != d4.get("response").size()) {
                torn.add("D4 " + d4.get("total") + " with " + d4.get("response").size());
            }
            JsonNode u1 = asOwner.get(cloudflare).json();
            if (u1.get("result_info").get("total_count").asInt() != u1.get("result").size()) {
                torn.add("U1 " + u1.get("result_info").get("total_count") + " with " + u1.get("result").size());
            }
            answers += 2;
        }
        changing.join();

        assertThat(answers).isGreaterThan(2);
        assertThat(torn).as("answers whose total and list disagree, of %d", answers).isEmpty();
    }

    @Test
    void cloudflareAccountMembersAndTheirTotal_agree_whilePeopleAreInvitedAndJoin() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String members = "/client/v4/accounts/" + org.toString().replace("-", "") + "/members?per_page=50";

        CompletableFuture<Void> joining = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 30; i++) {
                membership(org, owner, email("joiner" + i), "User");
            }
        });
        List<String> torn = new ArrayList<>();
        int answers = 0;
        while (!joining.isDone() || answers == 0) {
            for (String status : List.of("", "&status=pending", "&status=accepted")) {
                JsonNode page = asOwner.get(members + status).json();
                if (page.get("result_info").get("total_count").asInt() != page.get("result").size()) {
                    torn.add("members" + status + " " + page.get("result_info").get("total_count") + " with "
                            + page.get("result").size());
                }
                answers++;
            }
        }
        joining.join();

        assertThat(answers).isGreaterThan(3);
        assertThat(torn).as("pages whose total and list disagree, of %d", answers).isEmpty();
    }
}
