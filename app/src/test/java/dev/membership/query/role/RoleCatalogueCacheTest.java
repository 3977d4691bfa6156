package dev.membership.query.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.role.RoleDefinition;
import dev.membership.support.ApiTestSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Catalogues never change once made, so a committed one is read from the database once; nothing else is kept. */
class RoleCatalogueCacheTest extends ApiTestSupport {

    @Autowired
    private RoleRepository roles;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aCommittedCatalogueIsReadOnce_andServedFromMemoryAfterwards() {
        UUID organization = UUID.randomUUID();
        RoleDefinition admin = role("admin");
        roles.upsert(organization, admin);

        assertThat(roles.catalogue(organization).roles()).containsExactly(admin);
        jdbc.sql("DELETE FROM read.role_v1 WHERE organization_id = ?").param(organization).update();

        assertThat(roles.catalogue(organization).roles()).containsExactly(admin);
    }

    @Test
    void aCatalogueReadInsideATransaction_isNotKept_forItMayRollBack() {
        UUID organization = UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            roles.upsert(organization, role("admin"));
            assertThat(roles.catalogue(organization).roles()).hasSize(1);
            status.setRollbackOnly();
        });
        RoleDefinition user = role("user");
        roles.upsert(organization, user);

        assertThat(roles.catalogue(organization).roles()).containsExactly(user);
    }

    @Test
    void anUnknownOrganization_isNotRemembered_asHavingNoRoles() {
        UUID organization = UUID.randomUUID();
        assertThat(roles.catalogue(organization).roles()).isEmpty();
        RoleDefinition owner = role("owner");
        roles.upsert(organization, owner);

        assertThat(roles.catalogue(organization).roles()).containsExactly(owner);
    }

    private static RoleDefinition role(String key) {
        return new RoleDefinition(UUID.randomUUID(), key, key.toUpperCase(), "The " + key, List.of("members:read"), 1);
    }
}
