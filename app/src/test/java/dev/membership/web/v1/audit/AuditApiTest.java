package dev.membership.web.v1.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.RawHttp;
import dev.membership.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The audit log after a scripted history, its filters, exports and histories, and who may read it. */
class AuditApiTest extends ApiTestSupport {

    @LocalServerPort
    private int port;

    private String owner;
    private UUID org;
    private Http asOwner;
    private String invitee;
    private String inviteeUserId;
    private String groupId;
    private String invitationId;
    private Instant afterInvite;

    @BeforeEach
    void scriptedHistory() throws InterruptedException {
        owner = email("owner");
        org = createOrganization(owner);
        asOwner = http.as(TestTokens.user(owner)).header("X-Audit-Reason", "quarterly onboarding")
                .header("User-Agent", "audit-test/1.0");
        invitee = email("invitee");
        invitationId = asOwner.header("X-Request-Id", "req-invite-1").post("/workspace/orgs/" + org + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(invitee, roleId(org, owner, "User")))
                .json().get("invitations").get(0).get("id").asText();
        Thread.sleep(5);
        afterInvite = Instant.now();
        Thread.sleep(5);
        assertThat(http.as(TestTokens.user(invitee)).post("/v1/invitations/" + invitationId + "/accept", null).status()).isEqualTo(200);
        inviteeUserId = userId(org, owner, invitee);
        assertThat(asOwner.patch("/workspace/orgs/" + org + "/members/users/" + inviteeUserId,
                "{\"roles\": [\"" + roleId(org, owner, "Auditor") + "\"]}").status()).isEqualTo(200);
        groupId = asOwner.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Audited\"}")
                .json().get("response").get("id").asText();
        assertThat(asOwner.post("/docspace/" + org + "/api/2.0/group/" + groupId + "/members",
                "{\"members\": [\"" + invitationId + "\"]}").status()).isEqualTo(200);
        assertThat(asOwner.delete("/workspace/orgs/" + org + "/members/users/" + inviteeUserId).status()).isEqualTo(204);
        awaitAudit();
    }

    @Test
    void theAuditLogListsEveryStepInOrder_withActorDialectRouteAndReason() {
        JsonNode items = asOwner.get("/v1/organizations/" + org + "/audit").json().get("items");

        assertThat(items).extracting(e -> e.get("type").asText()).containsExactly(
                "OrganizationCreatedEvent", "MemberAddedEvent", "UserInvitedEvent", "InvitationAcceptedEvent",
                "UserRolesUpdatedEvent", "GroupCreatedEvent", "GroupMembersReplacedEvent", "UserRemovedEvent",
                "GroupMemberRemovedEvent");
        List<Long> positions = new ArrayList<>();
        items.forEach(e -> positions.add(e.get("position").asLong()));
        assertThat(positions).isSorted().doesNotHaveDuplicates();

        JsonNode invited = items.get(2);
        assertThat(invited.get("actor").get("email").asText()).isEqualTo(owner);
        assertThat(invited.get("dialect").asText()).isEqualTo("evo");
        assertThat(invited.get("route").asText()).isEqualTo("POST /workspace/orgs/{org_id}/members/users");
        assertThat(invited.get("reason").asText()).isEqualTo("quarterly onboarding");
        assertThat(invited.get("correlationId").asText()).isEqualTo("req-invite-1");
        assertThat(invited.get("userAgent").asText()).isEqualTo("audit-test/1.0");
        assertThat(invited.get("payload").get("email").asText()).isEqualTo(invitee);
        assertThat(invited.get("causationId").asText()).isNotBlank();

        JsonNode accepted = items.get(3);
        assertThat(accepted.get("actor").get("email").asText()).isEqualTo(invitee);
        assertThat(accepted.get("dialect").asText()).isEqualTo("native");
        assertThat(accepted.get("route").asText()).isEqualTo("POST /v1/invitations/{invitationId}/accept");

        assertThat(items.get(6).get("dialect").asText()).isEqualTo("onlyoffice");
        JsonNode removed = items.get(7);
        JsonNode leftGroup = items.get(8);
        assertThat(leftGroup.get("payload").get("reason").asText()).isEqualTo("membership-ended");
        assertThat(leftGroup.get("correlationId").asText()).as("the policy carries its cause's correlation")
                .isEqualTo(removed.get("correlationId").asText());
        assertThat(leftGroup.get("traceId").asText()).as("in the removal's chain").isEqualTo(removed.get("traceId").asText());
        assertThat(leftGroup.get("causationId").asText()).isNotEqualTo(removed.get("causationId").asText());
        assertThat(leftGroup.get("actor").get("email").asText()).isEqualTo(owner);
    }

    @Test
    void anEntrysPayload_isTheStoredEventsPayload_byteForByte() {
        String stored = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :group AND payload_type LIKE '%GroupCreatedEvent'""")
                .param("group", groupId).query(String.class).single();

        HttpResult log = asOwner.get("/v1/organizations/" + org + "/audit?type=GroupCreatedEvent");

        // the answer carries the payload as the store keeps it: key order and all, not the database's own ordering
        assertThat(log.json().get("items")).singleElement()
                .satisfies(entry -> assertThat(entry.get("payload").get("name").asText()).isEqualTo("Audited"));
        assertThat(log.body()).contains("\"payload\":" + stored);
    }

    @Test
    void eachFilterNarrowsTheLog() {
        String base = "/v1/organizations/" + org + "/audit";

        assertThat(types(base + "?actor=" + invitee)).containsExactly("InvitationAcceptedEvent");
        assertThat(types(base + "?actor=" + encode(invitee.toUpperCase(java.util.Locale.ROOT))))
                .as("an email in another case").containsExactly("InvitationAcceptedEvent");
        assertThat(types(base + "?from=0001-01-01T00:00:00Z&to=" + encode("9999-12-31T23:59:59.999999999Z")))
                .as("the whole span the service keeps").isEqualTo(types(base + "?limit=1000"));
        assertThat(types(base + "?type=UserInvitedEvent")).containsExactly("UserInvitedEvent");
        assertThat(types(base + "?subject=" + groupId)).containsExactly("GroupCreatedEvent", "GroupMembersReplacedEvent",
                "GroupMemberRemovedEvent");
        assertThat(types(base + "?subject=" + invitationId)).contains("UserInvitedEvent", "InvitationAcceptedEvent",
                "UserRemovedEvent").doesNotContain("OrganizationCreatedEvent");
        assertThat(types(base + "?from=" + encode(afterInvite.toString()))).first().isEqualTo("InvitationAcceptedEvent");
        assertThat(types(base + "?to=" + encode(afterInvite.toString()))).last().isEqualTo("UserInvitedEvent");

        JsonNode firstPage = asOwner.get(base + "?limit=4").json();
        assertThat(firstPage.get("items")).hasSize(4);
        JsonNode secondPage = asOwner.get(base + "?limit=4&after=" + firstPage.get("next").asLong()).json();
        assertThat(secondPage.get("items").get(0).get("type").asText()).isEqualTo("UserRolesUpdatedEvent");
        JsonNode lastPage = asOwner.get(base + "?limit=4&after=" + secondPage.get("next").asLong()).json();
        assertThat(lastPage.get("items")).hasSize(1);
        assertThat(lastPage.get("next").isNull()).isTrue();
    }

    @Test
    void aUsersHistory_holdsEveryEventAboutThem_andAGroupsHistoryEveryEventAboutIt_inOrder() {
        JsonNode user = asOwner.get("/v1/organizations/" + org + "/users/" + inviteeUserId + "/history").json().get("items");
        JsonNode group = asOwner.get("/v1/organizations/" + org + "/groups/" + groupId + "/history").json().get("items");

        assertThat(user).extracting(e -> e.get("type").asText()).containsExactly("UserInvitedEvent",
                "InvitationAcceptedEvent", "UserRolesUpdatedEvent", "GroupMembersReplacedEvent", "UserRemovedEvent",
                "GroupMemberRemovedEvent");
        assertThat(group).extracting(e -> e.get("type").asText()).containsExactly("GroupCreatedEvent",
                "GroupMembersReplacedEvent", "GroupMemberRemovedEvent");
    }

    @Test
    void aUsersHistory_showsThemLeavingAGroupWithItsDeletion_andTheirManagingOfItEnd() {
        String managerEmail = email("manager");
        String manager = membership(org, owner, managerEmail, "User");
        String successor = membership(org, owner, email("successor"), "User");
        String docspace = "/docspace/" + org + "/api/2.0/group";
        String group = asOwner.post(docspace, "{\"groupName\": \"Managed\", \"groupManager\": \"" + manager + "\"}")
                .json().get("response").get("id").asText();
        assertThat(asOwner.put(docspace + "/" + group + "/manager", "{\"userId\": \"" + successor + "\"}").status())
                .isEqualTo(200);
        assertThat(asOwner.delete(docspace + "/" + group).status()).isEqualTo(204);
        awaitAudit();

        JsonNode history = asOwner.get("/v1/organizations/" + org + "/users/" + userId(org, owner, managerEmail) + "/history")
                .json().get("items");

        assertThat(types(history)).containsSubsequence("GroupMembersReplacedEvent", "GroupManagerSetEvent",
                "GroupManagerSetEvent", "GroupDeletedEvent");
        JsonNode handedOver = history.get(types(history).lastIndexOf("GroupManagerSetEvent")).get("payload");
        assertThat(handedOver.get("previousManagerMembershipId").asText()).isEqualTo(manager);
        assertThat(handedOver.get("managerMembershipId").asText()).isEqualTo(successor);
        JsonNode deleted = history.get(types(history).indexOf("GroupDeletedEvent")).get("payload");
        assertThat(deleted.get("removedMembershipIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(manager, successor);
    }

    @Test
    void aHistoryIsOfTheKindItsRouteNames_aGroupIsNoUser_andAUserOrMembershipIsNoGroup() {
        String histories = "/v1/organizations/" + org;

        assertThat(asOwner.get(histories + "/users/" + groupId + "/history").json().get("items")).isEmpty();
        assertThat(asOwner.get(histories + "/users/" + invitationId + "/history").json().get("items")).isEmpty();
        assertThat(asOwner.get(histories + "/groups/" + inviteeUserId + "/history").json().get("items")).isEmpty();
        assertThat(asOwner.get(histories + "/groups/" + invitationId + "/history").json().get("items")).isEmpty();
        assertThat(asOwner.get(histories + "/groups/" + UUID.randomUUID() + "/history").json().get("items")).isEmpty();
        assertThat(asOwner.get(histories + "/users/" + inviteeUserId + "/history").json().get("items")).isNotEmpty();
    }

    @Test
    void aTypeThatNamesNoEvent_isRefused_ratherThanAnsweredAsALogWithoutIt() {
        String audit = "/v1/organizations/" + org + "/audit?type=";

        for (String type : List.of("Nope", "userinvitedevent", "UserInvited")) {
            HttpResult refused = asOwner.get(audit + type);

            assertThat(refused.status()).as(type).isEqualTo(422);
            assertThat(refused.json().get("invalidParams").get(0).get("name").asText()).isEqualTo("type");
        }
        assertThat(asOwner.get(audit + "UserInvitedEvent").json().get("items")).isNotEmpty();
        assertThat(asOwner.get(audit + "InvitationExpiredEvent").status()).as("a type not logged here yet").isEqualTo(200);
    }

    @Test
    void aUsersHistory_keepsToItsOrganization_pageByPage_andInExports() throws Exception {
        String otherOwner = email("other-owner");
        UUID other = createOrganization(otherOwner);
        Http asOtherOwner = http.as(TestTokens.user(otherOwner));
        assertThat(asOtherOwner.post("/workspace/orgs/" + other + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(invitee, roleId(other, otherOwner, "User")))
                .status()).isEqualTo(201);
        awaitAudit();
        String history = "/v1/organizations/" + org + "/users/" + inviteeUserId + "/history";

        List<String> paged = new ArrayList<>();
        JsonNode page = asOwner.get(history + "?limit=2").json();
        paged.addAll(types(page.get("items")));
        while (!page.get("next").isNull()) {
            page = asOwner.get(history + "?limit=2&after=" + page.get("next").asLong()).json();
            paged.addAll(types(page.get("items")));
        }
        List<String> exported = new ArrayList<>();
        for (String line : asOwner.header("Accept", "application/x-ndjson")
                .get("/v1/organizations/" + org + "/audit?subject=" + inviteeUserId).body().lines().toList()) {
            exported.add(new ObjectMapper().readTree(line).get("type").asText());
        }

        assertThat(paged).containsExactly("UserInvitedEvent", "InvitationAcceptedEvent", "UserRolesUpdatedEvent",
                "GroupMembersReplacedEvent", "UserRemovedEvent", "GroupMemberRemovedEvent");
        List<String> listed = types("/v1/organizations/" + org + "/audit?subject=" + inviteeUserId);
        assertThat(listed).containsOnlyOnce("UserInvitedEvent").doesNotContain("OrganizationCreatedEvent");
        assertThat(exported).containsExactlyElementsOf(listed);
        assertThat(types(asOtherOwner.get("/v1/organizations/" + other + "/users/" + inviteeUserId + "/history")
                .json().get("items"))).as("a known person is added at once").containsExactly("MemberAddedEvent");
    }

    @Test
    void exportsStreamAQueryAsCsvOrNdjson_theSameEntriesEitherWay() throws Exception {
        HttpResult csv = asOwner.header("Accept", "text/csv").get("/v1/organizations/" + org + "/audit?type=UserInvitedEvent");
        HttpResult ndjson = asOwner.header("Accept", "application/x-ndjson").get("/v1/organizations/" + org + "/audit");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"audit-" + org + ".csv\"");
        assertThat(ndjson.header("Content-Disposition")).isEqualTo("attachment; filename=\"audit-" + org + ".ndjson\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("position,eventId,type,").contains(",causationId,traceId,");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("UserInvitedEvent").contains(invitee).contains("quarterly onboarding");

        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        List<String> records = ndjson.body().lines().toList();
        assertThat(records).hasSize(9);
        JsonNode first = new ObjectMapper().readTree(records.get(0));
        assertThat(first.get("type").asText()).isEqualTo("OrganizationCreatedEvent");
        List<String> filtered = asOwner.header("Accept", "application/x-ndjson")
                .get("/v1/organizations/" + org + "/audit?type=UserInvitedEvent").body().lines().toList();
        assertThat(filtered).hasSize(lines.size() - 1);
        assertThat(new ObjectMapper().readTree(filtered.get(0)).get("position").asText())
                .isEqualTo(lines.get(1).substring(0, lines.get(1).indexOf(',')));
        assertThat(asOwner.header("Accept", "text/html").get("/v1/organizations/" + org + "/audit").status()).isEqualTo(406);
    }

    @Test
    void aCsvExport_makesWhatASpreadsheetWouldRunInert_whileNdjsonKeepsEveryValue() throws Exception {
        http.as(TestTokens.user(owner)).header("User-Agent", "=HYPERLINK(\"http://x.test\",\"x\")")
                .header("X-Audit-Reason", "@SUM(1+1)").post("/v1/organizations/" + org + "/groups", "{\"name\": \"Formulas\"}");
        awaitAudit();

        HttpResult csv = asOwner.header("Accept", "text/csv").get("/v1/organizations/" + org + "/audit?type=GroupCreatedEvent");
        HttpResult ndjson = asOwner.header("Accept", "application/x-ndjson").get("/v1/organizations/" + org + "/audit?type=GroupCreatedEvent");

        com.fasterxml.jackson.dataformat.csv.CsvMapper reader = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        reader.readerForMapOf(String.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(csv.body()).forEachRemaining(rows::add);
        Map<String, String> row = rows.get(rows.size() - 1);
        assertThat(row.get("userAgent")).isEqualTo("'=HYPERLINK(\"http://x.test\",\"x\")");
        assertThat(row.get("reason")).isEqualTo("'@SUM(1+1)");
        assertThat(row.get("type")).isEqualTo("GroupCreatedEvent");
        List<String> records = ndjson.body().lines().toList();
        JsonNode last = new ObjectMapper().readTree(records.get(records.size() - 1));
        assertThat(last.toString()).contains("=HYPERLINK").contains("\"@SUM(1+1)\"").doesNotContain("'=HYPERLINK");
    }

    @Test
    void aReasonAndUserAgentWrittenInUtf8_areLoggedAsWritten_andWhatIsNotPlainTextIsRefusedOrStripped() throws Exception {
        byte[] body = "{\"name\": \"Accents\"}".getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/organizations/" + org + "/groups HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.user(owner) + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nX-Audit-Reason: " + latin1("caf\u00e9 \u2014 fix") + "\r\nUser-Agent: " + latin1("\u00dcnicode/1.0")
                + "\r\nConnection: close";

        assertThat(RawHttp.send(port, head, body).status()).isEqualTo(201);
        awaitAudit();

        JsonNode items = asOwner.get("/v1/organizations/" + org + "/audit?type=GroupCreatedEvent").json().get("items");
        JsonNode created = items.get(items.size() - 1);
        assertThat(created.toString()).contains("caf\u00e9 \u2014 fix").contains("\u00dcnicode/1.0");

        String reversed = head.replace(latin1("caf\u00e9 \u2014 fix"), latin1("fix \u202eexe.txt"));
        HttpResult refused = RawHttp.send(port, reversed, body);
        assertThat(refused.status()).as("a bidirectional override is no plain text").isEqualTo(422);
        assertThat(refused.json().get("invalidParams").get(0).get("name").asText()).isEqualTo("X-Audit-Reason");
        String invisible = head.replace(latin1("caf\u00e9 \u2014 fix"), latin1("\u200b\u200b"));
        assertThat(RawHttp.send(port, invisible, body).status()).as("a reason that shows nothing").isEqualTo(422);
        String overriddenAgent = head.replace(latin1("\u00dcnicode/1.0"), latin1("agent\u202e/1.0"));
        assertThat(RawHttp.send(port, overriddenAgent, body).status()).isEqualTo(201);
        awaitAudit();
        JsonNode stripped = asOwner.get("/v1/organizations/" + org + "/audit?type=GroupCreatedEvent").json().get("items");
        assertThat(stripped.get(stripped.size() - 1).get("userAgent").asText()).as("stripped, not refused").isEqualTo("agent/1.0");
    }

    /** The UTF-8 bytes of {@code text}, each as the ISO-8859-1 character a socket writer sends as that byte. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anAuditorReadsTheLogButIsRefusedEveryWrite_andStrangersSee404() {
        String auditor = email("auditor");
        membership(org, owner, auditor, "Auditor");
        String user = email("user");
        membership(org, owner, user, "User");
        String stranger = email("stranger");
        createOrganization(stranger);
        Http asAuditor = http.as(TestTokens.user(auditor));
        long before = allEvents();

        assertThat(asAuditor.get("/v1/organizations/" + org + "/audit").status()).isEqualTo(200);
        assertThat(asAuditor.get("/v1/organizations/" + org + "/groups/" + groupId + "/history").status()).isEqualTo(200);
        assertThat(asAuditor.post("/workspace/orgs/" + org + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(email("x"), roleId(org, owner, "User"))).status())
                .isEqualTo(403);
        assertThat(asAuditor.delete("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, owner)).status()).isEqualTo(403);
        assertThat(asAuditor.post("/v1/organizations/" + org + "/groups", "{\"name\": \"x\"}").status()).isEqualTo(403);
        assertThat(asAuditor.post("/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"x\"}").status()).isEqualTo(403);
        assertThat(asAuditor.post("/client/v4/accounts/" + org + "/iam/user_groups", "{\"name\": \"x\"}").status()).isEqualTo(403);
        assertThat(http.as(TestTokens.user(user)).get("/v1/organizations/" + org + "/audit").status()).isEqualTo(403);
        assertThat(http.as(TestTokens.user(stranger)).get("/v1/organizations/" + org + "/audit").status()).isEqualTo(404);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void badFiltersAndAnOverlongReason_areRefused422() {
        String base = "/v1/organizations/" + org + "/audit";
        assertThat(asOwner.get(base + "?limit=0").status()).isEqualTo(422);
        assertThat(asOwner.get(base + "?after=-1").status()).isEqualTo(422);
        assertThat(asOwner.get(base + "?subject=nope").status()).isEqualTo(422);
        assertThat(asOwner.get(base + "?from=yesterday").status()).isEqualTo(422);
        assertThat(asOwner.get(base + "?type=" + encode("x'; drop")).status()).isEqualTo(422);
        assertThat(asOwner.get(base + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").status()).isEqualTo(422);
        assertThat(http.as(TestTokens.user(owner)).header("X-Audit-Reason", "x".repeat(501))
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"n\"}").status()).isEqualTo(422);
    }

    private List<String> types(String path) {
        return types(asOwner.get(path).json().get("items"));
    }

    private static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
