package dev.membership.api.role;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An organization's roles in privilege order, with look-ups by id. */
public record RoleCatalogue(List<RoleDefinition> roles) {

    public RoleCatalogue {
        roles = roles.stream().sorted(Comparator.comparingInt(RoleDefinition::rank)).toList();
    }

    public Optional<RoleDefinition> byId(UUID id) {
        return roles.stream().filter(role -> role.id().equals(id)).findFirst();
    }

    /** The given role ids resolved, most privileged first; ids not in the catalogue are skipped. */
    public List<RoleDefinition> resolve(List<UUID> roleIds) {
        Map<UUID, RoleDefinition> byId = roles.stream().collect(Collectors.toMap(RoleDefinition::id, Function.identity()));
        return roleIds.stream().map(byId::get).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparingInt(RoleDefinition::rank)).toList();
    }
}
