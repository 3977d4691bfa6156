package dev.membership.query.role;

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

/** The {@code read.role_v1} table. */
@Repository
public class RoleRepository {

    private final JdbcClient jdbc;

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

    /** The organization's catalogue, in privilege order. */
    public RoleCatalogue catalogue(UUID organizationId) {
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
