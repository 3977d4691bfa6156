package dev.membership.api.role;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoleCatalogueTest {

    private final RoleDefinition owner = role("owner", 0);
    private final RoleDefinition admin = role("admin", 10);
    private final RoleDefinition auditor = role("auditor", 20);
    private final RoleDefinition reviewer = role("reviewer", 20);
    private final RoleCatalogue catalogue = new RoleCatalogue(List.of(reviewer, auditor, admin, owner));

    @Test
    void resolve_givesTheKnownRolesMostPrivilegedFirst_rolesOfOneRankInTheOrderGiven_andSkipsUnknownIds() {
        UUID unknown = UUID.randomUUID();

        assertThat(catalogue.resolve(List.of(reviewer.id(), unknown, owner.id(), auditor.id(), admin.id())))
                .containsExactly(owner, admin, reviewer, auditor);
        assertThat(catalogue.resolve(List.of(auditor.id(), reviewer.id()))).containsExactly(auditor, reviewer);
        assertThat(catalogue.resolve(List.of(unknown))).isEmpty();
        assertThat(catalogue.roles()).containsExactly(owner, admin, reviewer, auditor);
    }

    private static RoleDefinition role(String key, int rank) {
        return new RoleDefinition(UUID.randomUUID(), key, key, key + " role", List.of(), rank);
    }
}
