package dev.membership.api.role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An organization's roles in privilege order, with look-ups by id. */
public record RoleCatalogue(List<RoleDefinition> roles) {

    private static final Comparator<RoleDefinition> BY_RANK = Comparator.comparingInt(RoleDefinition::rank);

    public RoleCatalogue {
        roles = roles.stream().sorted(BY_RANK).toList();
    }

    public Optional<RoleDefinition> byId(UUID id) {
        return roles.stream().filter(role -> role.id().equals(id)).findFirst();
    }

    /**
     * The given role ids resolved, most privileged first (roles of one rank in the order given); ids not in the
     * catalogue are skipped. Called for every row of a member list: a catalogue holds a handful of roles, which are
     * searched rather than indexed anew on each call.
     */
    public List<RoleDefinition> resolve(List<UUID> roleIds) {
        List<RoleDefinition> resolved = new ArrayList<>(roleIds.size());
        for (UUID id : roleIds) {
            for (RoleDefinition role : roles) {
                if (role.id().equals(id)) {
                    resolved.add(role);
                    break;
                }
            }
        }
        resolved.sort(BY_RANK);
        return Collections.unmodifiableList(resolved);
    }
}
