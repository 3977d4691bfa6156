package dev.membership.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the API tests: the whole application on a random port, over real HTTP with signed tokens, on a real
 * PostgreSQL. Every test makes its own organizations and people, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport {

    static {
        TestDatabase.configure();
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;

    @BeforeEach
    protected void connect() {
        http = new Http("http://localhost:" + port, null);
    }

    /** A fresh, unique email address. */
    protected static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
    }

    /** Creates an organization through the native API as a platform admin; returns its id. */
    protected UUID createOrganization(String ownerEmail) {
        HttpResult created = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"name\":\"Org of " + ownerEmail + "\",\"ownerEmail\":\"" + ownerEmail + "\",\"ownerName\":\"Owner Person\"}");
        if (created.status() != 201) {
            throw new AssertionError("Could not create an organization: " + created);
        }
        return UUID.fromString(created.json().get("id").asText());
    }

    /** The id of a role of the organization's catalogue, by display name, read through Evo E7. */
    protected String roleId(UUID orgId, String ownerEmail, String roleName) {
        JsonNode roles = http.as(TestTokens.user(ownerEmail)).get("/workspace/orgs/" + orgId + "/members/roles").json().get("roles");
        for (JsonNode role : roles) {
            if (role.get("name").asText().equals(roleName)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("No role " + roleName + " in " + roles);
    }

    /** A person who joined the organization by accepting an invitation with the given role; returns their user id. */
    protected String join(UUID orgId, String ownerEmail, String email, String roleName) {
        membership(orgId, ownerEmail, email, roleName);
        return userId(orgId, ownerEmail, email);
    }

    /** A person invited with the given role, not yet accepted; returns the pending membership's id. */
    protected String invite(UUID orgId, String ownerEmail, String email, String roleName) {
        HttpResult invited = http.as(TestTokens.user(ownerEmail)).post("/workspace/orgs/" + orgId + "/members/users",
                "{\"users\": [{\"email\": \"" + email + "\", \"roles\": [\"" + roleId(orgId, ownerEmail, roleName) + "\"]}]}");
        if (invited.status() != 201 || invited.json().get("invitations").isEmpty()) {
            throw new AssertionError("Could not invite " + email + ": " + invited);
        }
        return invited.json().get("invitations").get(0).get("id").asText();
    }

    /** A person who joined by accepting an invitation with the given role; returns the membership id. */
    protected String membership(UUID orgId, String ownerEmail, String email, String roleName) {
        String invitationId = invite(orgId, ownerEmail, email, roleName);
        HttpResult accepted = http.as(TestTokens.user(email)).post("/v1/invitations/" + invitationId + "/accept", null);
        if (accepted.status() != 200) {
            throw new AssertionError("Could not accept for " + email + ": " + accepted);
        }
        return invitationId;
    }

    /** The Evo user id of a member, read through E1. */
    protected String userId(UUID orgId, String ownerEmail, String email) {
        JsonNode users = http.as(TestTokens.user(ownerEmail)).get("/workspace/orgs/" + orgId + "/members/users?limit=1000")
                .json().get("results");
        for (JsonNode user : users) {
            if (user.get("email").asText().equals(email)) {
                return user.get("id").asText();
            }
        }
        throw new AssertionError(email + " is not a member: " + users);
    }

    /**
     * An organization with an Admin member, a pending invitation and a group, for tests that send every write
     * endpoint something.
     */
    protected WriteEndpoints.Fixture writeFixture() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = email("member");
        String membershipId = membership(org, owner, member, "Admin");
        String invitationId = invite(org, owner, email("invitee"), "User");
        HttpResult group = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups", "{\"name\": \"Fixture\"}");
        if (group.status() != 201) {
            throw new AssertionError("Could not create a group: " + group);
        }
        return new WriteEndpoints.Fixture(org, TestTokens.user(owner), roleId(org, owner, "User"), userId(org, owner, member),
                membershipId, invitationId, UUID.fromString(group.json().get("id").asText()));
    }

    /** Events stored for one organization's aggregate. */
    protected long eventsOf(UUID orgId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", orgId.toString()).query(Long.class).single();
    }

    /** Events of one type stored for one organization's aggregate. */
    protected long eventsOf(UUID orgId, String eventType) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id AND payload_type LIKE :type")
                .param("id", orgId.toString()).param("type", "%." + eventType).query(Long.class).single();
    }

    /** Waits until the audit log (a tracking projection) has every event stored so far. */
    protected void awaitAudit() {
        long head = jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        long deadline = System.currentTimeMillis() + 15_000;
        while (jdbc.sql("SELECT position FROM read.audit_watermark_v1").query(Long.class).single() < head) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The audit log did not reach position " + head + "; it holds "
                        + jdbc.sql("SELECT count(*) || ' rows up to ' || COALESCE(max(position), 0) FROM read.audit_v1")
                                .query(String.class).single()
                        + ", watermark " + jdbc.sql("SELECT position FROM read.audit_watermark_v1").query(Long.class).single());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every event stored. */
    protected long allEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }
}
