package dev.membership.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;

/**
 * Every write endpoint of every dialect and the native API, each with a valid body for one organization and the
 * fields of that body by kind, so tests can break one thing at a time and know the rest would have passed.
 */
public final class WriteEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a field holds; tests pick the invalid values of its kind. */
    public enum Kind {
        /** A required one-line name. */
        NAME,
        /** A one-line name that may be left blank. */
        OPTIONAL_NAME,
        /** Free text over several lines. */
        TEXT,
        EMAIL, ID, ID_LIST, STRING_LIST, BOOLEAN, OBJECT_LIST
    }

    /** A field of a body, by JSON pointer. */
    public record Field(String pointer, Kind kind) {
    }

    /** A write endpoint with the caller allowed to use it and, unless it takes none, a body that it would accept. */
    public record Endpoint(String name, String method, String path, String token, String validBody, List<Field> fields) {

        public boolean takesBody() {
            return validBody != null;
        }

        public boolean arrayBody() {
            return validBody != null && validBody.startsWith("[");
        }

        public JsonNode body() {
            try {
                return JSON.readTree(validBody);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The path with its last segment, an id, replaced. */
        public String withLastSegment(String segment) {
            return path.substring(0, path.lastIndexOf('/') + 1) + segment;
        }

        @Override
        public String toString() {
            return name + " " + method + " " + path;
        }
    }

    /**
     * One organization seen by its owner: a member (with an Evo user id and a membership id), a pending invitation,
     * a group and a role of the catalogue.
     */
    public record Fixture(UUID org, String ownerToken, String roleId, String userId, String membershipId,
            String invitationId, UUID groupId) {
    }

    private WriteEndpoints() {
    }

    public static List<Endpoint> of(Fixture f) {
        String owner = f.ownerToken();
        String admin = TestTokens.platformAdmin();
        String evo = "/workspace/orgs/" + f.org() + "/members";
        String doc = "/docspace/" + f.org() + "/api/2.0/group";
        String cf = "/client/v4/accounts/" + hex(f.org()) + "/iam/user_groups";
        String v1 = "/v1/organizations";
        String addUsers = "{\"users\": [{\"email\": \"new-person@acme.test\", \"roles\": [\"" + f.roleId() + "\"]}]}";
        List<Field> addUserFields = List.of(new Field("/users", Kind.OBJECT_LIST), new Field("/users/0/email", Kind.EMAIL),
                new Field("/users/0/roles", Kind.ID_LIST));
        String roles = "{\"roles\": [\"" + f.roleId() + "\"]}";
        String members = "{\"members\": [\"" + f.membershipId() + "\"]}";
        String memberRefs = "[{\"id\": \"" + hex(UUID.fromString(f.membershipId())) + "\"}]";
        String group = doc + "/" + f.groupId();
        String cfGroup = cf + "/" + hex(f.groupId());
        return List.of(
                new Endpoint("E2", "POST", evo + "/users", owner, addUsers, addUserFields),
                new Endpoint("E2d", "POST", evo, owner, addUsers, addUserFields),
                new Endpoint("E3", "PATCH", evo + "/users/" + f.userId(), owner, roles, List.of(new Field("/roles", Kind.ID_LIST))),
                new Endpoint("E3d", "PATCH", evo + "/" + f.userId(), owner, roles, List.of(new Field("/roles", Kind.ID_LIST))),
                new Endpoint("E4", "DELETE", evo + "/users/" + f.userId(), owner, null, List.of()),
                new Endpoint("E4d", "DELETE", evo + "/" + f.userId(), owner, null, List.of()),
                new Endpoint("E6", "DELETE", evo + "/invitations/" + f.invitationId(), owner, null, List.of()),
                new Endpoint("G2", "PATCH", evo + "/groups/" + f.groupId(), owner, "{\"ims_groups\": []}",
                        List.of(new Field("/ims_groups", Kind.STRING_LIST))),
                new Endpoint("D5", "POST", doc, owner, "{\"groupName\": \"Team\", \"members\": [\"" + f.membershipId() + "\"]}",
                        List.of(new Field("/groupName", Kind.NAME), new Field("/members", Kind.ID_LIST),
                                new Field("/groupManager", Kind.ID))),
                new Endpoint("D7", "PUT", group, owner, "{\"groupName\": \"Renamed\", \"membersToAdd\": [\"" + f.membershipId()
                        + "\"], \"membersToRemove\": []}",
                        List.of(new Field("/groupName", Kind.OPTIONAL_NAME), new Field("/membersToAdd", Kind.ID_LIST),
                                new Field("/membersToRemove", Kind.ID_LIST), new Field("/groupManager", Kind.ID))),
                new Endpoint("D8", "DELETE", group, owner, null, List.of()),
                new Endpoint("D1", "POST", group + "/members", owner, members, List.of(new Field("/members", Kind.ID_LIST))),
                new Endpoint("D2", "PUT", group + "/members", owner, members, List.of(new Field("/members", Kind.ID_LIST))),
                new Endpoint("D3", "DELETE", group + "/members", owner, members, List.of(new Field("/members", Kind.ID_LIST))),
                new Endpoint("D9", "PUT", group + "/manager", owner, "{\"userId\": \"" + f.membershipId() + "\"}",
                        List.of(new Field("/userId", Kind.ID))),
                new Endpoint("CFM", "POST", "/client/v4/accounts/" + hex(f.org()) + "/members", owner,
                        "{\"email\": \"new-member@acme.test\", \"roles\": [\"" + hex(UUID.fromString(f.roleId())) + "\"]}",
                        List.of(new Field("/email", Kind.EMAIL), new Field("/roles", Kind.ID_LIST),
                                new Field("/policies", Kind.OBJECT_LIST))),
                new Endpoint("U2", "POST", cf, owner, "{\"name\": \"Team\", \"policies\": []}",
                        List.of(new Field("/name", Kind.NAME), new Field("/policies", Kind.OBJECT_LIST))),
                new Endpoint("U4", "PUT", cfGroup, owner, "{\"name\": \"Renamed\"}", List.of(new Field("/name", Kind.NAME))),
                new Endpoint("U5", "DELETE", cfGroup, owner, null, List.of()),
                new Endpoint("C3", "POST", cfGroup + "/members", owner, memberRefs, List.of(new Field("/0/id", Kind.ID))),
                new Endpoint("C4", "PUT", cfGroup + "/members", owner, memberRefs, List.of(new Field("/0/id", Kind.ID))),
                new Endpoint("C5", "DELETE", cfGroup + "/members/" + hex(UUID.fromString(f.membershipId())), owner, null, List.of()),
                new Endpoint("organizations", "POST", v1, admin,
                        "{\"name\": \"Acme\", \"ownerEmail\": \"founder@acme.test\", \"ownerName\": \"Fay Founder\"}",
                        List.of(new Field("/name", Kind.NAME), new Field("/ownerEmail", Kind.EMAIL),
                                new Field("/ownerName", Kind.OPTIONAL_NAME), new Field("/id", Kind.ID))),
                new Endpoint("groups", "POST", v1 + "/" + f.org() + "/groups", owner, "{\"name\": \"Team\", \"description\": \"A team\"}",
                        List.of(new Field("/name", Kind.NAME), new Field("/description", Kind.TEXT))),
                new Endpoint("accept", "POST", "/v1/invitations/" + f.invitationId() + "/accept", owner, null, List.of()),
                new Endpoint("directory", "PUT", "/v1/directory/groups/engineering", admin,
                        "{\"name\": \"Engineering\", \"federated\": false, \"members\": [{\"email\": \"dev@acme.test\", "
                                + "\"fullName\": \"Dee Dev\"}]}",
                        List.of(new Field("/name", Kind.NAME), new Field("/federated", Kind.BOOLEAN),
                                new Field("/members", Kind.OBJECT_LIST), new Field("/members/0/email", Kind.EMAIL),
                                new Field("/members/0/fullName", Kind.OPTIONAL_NAME))));
    }

    public static String hex(UUID id) {
        return id.toString().replace("-", "");
    }
}
