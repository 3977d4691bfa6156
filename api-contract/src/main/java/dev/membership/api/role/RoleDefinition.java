package dev.membership.api.role;

import java.util.List;
import java.util.UUID;

/**
 * One role of an organization's catalogue.
 *
 * @param id          stable id, fixed when the organization is created
 * @param key         stable machine name of a built-in role ({@code owner}, {@code admin}, {@code auditor}, {@code user})
 * @param name        display name
 * @param description one line of meaning
 * @param permissions permission strings, see {@link Permission}
 * @param rank        privilege order, 1 is the most privileged
 */
public record RoleDefinition(UUID id, String key, String name, String description, List<String> permissions, int rank) {

    public RoleDefinition {
        permissions = List.copyOf(permissions);
    }
}
