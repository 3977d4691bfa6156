package dev.membership.query.role;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.role.RoleDefinition;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code read.role_v1} table. An organization's catalogue is made with the organization and never changes (a
 * rebuild writes the same rows again), so each committed catalogue read is kept in memory, on every node alike.
 */
@Repository
public class RoleRepository {

    /** Catalogues kept in memory, those read least recently dropped first: a few hundred bytes each. */
    static final int CACHED_CATALOGUES = 10_000;

    private final JdbcClient jdbc;
    private final Cache<UUID, RoleCatalogue> catalogues = Caffeine.newBuilder().maximumSize(CACHED_CATALOGUES).build();

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(UUID organizationId, RoleDefinition role) {
        jdbc.sql("""
                        INSERT INTO read.role_v1 (organization_id, role_id, role_key, name, description, permissions, rank)
                        VALUES (:org, :id, :key, :name, :description, :permissions, :rank)
                        ON CONFLICT (organization_id, role_id) DO UPDATE
                        SET role_key = EXCLUDED.role_key, name = EXCLUDED.name, description = EXCLUDED.description,
                            permissions = EXCLUDED.permissions, rank = EXCLUDED.rank""")
                .param("org", organizationId)
                .param("id", role.id())
                .param("key", role.key())
                .param("name", role.name())
                .param("description", role.description())
                .param("permissions", role.permissions().toArray(String[]::new))
                .param("rank", role.rank())
                .update();
    }

    /** The organization's catalogue, in privilege order; empty for an organization not (yet) known. */
    public RoleCatalogue catalogue(UUID organizationId) {
        RoleCatalogue cached = catalogues.getIfPresent(organizationId);
        if (cached != null) {
            return cached;
        }
        RoleCatalogue read = read(organizationId);
        // only what is committed is kept: inside a transaction that writes, the rows may be its own, not yet final
        if (!read.roles().isEmpty() && (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly())) {
            catalogues.put(organizationId, read);
        }
        return read;
    }

    private RoleCatalogue read(UUID organizationId) {
        List<RoleDefinition> list = jdbc.sql("""
                        SELECT role_id, role_key, name, description, permissions, rank
                        FROM read.role_v1 WHERE organization_id = :org ORDER BY rank""")
                .param("org", organizationId)
                .query((rs, row) -> map(rs))
                .list();
        return new RoleCatalogue(list);
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM read.role_v1").update();
    }

    private static RoleDefinition map(ResultSet rs) throws SQLException {
        Array permissions = rs.getArray("permissions");
        return new RoleDefinition(rs.getObject("role_id", UUID.class), rs.getString("role_key"), rs.getString("name"),
                rs.getString("description"), Arrays.asList((String[]) permissions.getArray()), rs.getInt("rank"));
    }
}
