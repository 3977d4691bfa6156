package dev.membership.web.evo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.invitation.InvitationView;
import dev.membership.api.role.RoleDefinition;
import dev.membership.web.format.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Evo Workspaces wire shapes, field names exactly as the Workspaces API spells them. */
public final class EvoModels {

    private EvoModels() {
    }

    public static String timestamp(Instant instant) {
        return UtcTimestamps.format(instant, 6);
    }

    /** Evo requires a {@code full_name}; until a person's name is known, their email stands in for it. */
    public static String fullName(String fullName, String email) {
        return fullName == null || fullName.isBlank() ? email : fullName;
    }

    public record Role(UUID id, String name, String description) {

        public static Role of(RoleDefinition role) {
            return new Role(role.id(), role.name(), role.description());
        }

        public static List<Role> of(List<RoleDefinition> roles) {
            return roles.stream().map(Role::of).toList();
        }
    }

    public record RoleWithPermissions(UUID id, String name, String description, List<String> permissions) {
    }

    public record UserWithRoles(UUID id, String email, @JsonProperty("full_name") String fullName, List<Role> roles) {
    }

    public record InvitationWithRoles(
            UUID id,
            String email,
            @JsonProperty("invited_by_email") String invitedByEmail,
            String status,
            @JsonProperty("created_date") String createdDate,
            @JsonProperty("expiration_date") String expirationDate,
            List<Role> roles) {

        public static InvitationWithRoles of(InvitationView invitation) {
            return new InvitationWithRoles(invitation.invitationId(), invitation.email(), invitation.invitedByEmail(),
                    invitation.status(), timestamp(invitation.invitedAt()), timestamp(invitation.expiresAt()),
                    Role.of(invitation.roles()));
        }
    }

    public record User(UUID id, String email, @JsonProperty("full_name") String fullName) {
    }

    public record Invitation(
            UUID id,
            String email,
            @JsonProperty("invited_by_email") String invitedByEmail,
            String status,
            @JsonProperty("created_date") String createdDate,
            @JsonProperty("expiration_date") String expirationDate) {

        public static Invitation of(InvitationView invitation) {
            return new Invitation(invitation.invitationId(), invitation.email(), invitation.invitedByEmail(),
                    invitation.status(), timestamp(invitation.invitedAt()), timestamp(invitation.expiresAt()));
        }
    }

    /** {@code PaginationLinksWithoutTotal}: {@code count} is the number of results on this page. */
    public record Links(int count, String first, String next, String previous) {
    }

    public record Page<T>(Links links, List<T> results) {
    }
}
