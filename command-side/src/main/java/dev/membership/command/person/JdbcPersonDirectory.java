package dev.membership.command.person;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link PersonDirectory} on the {@code lookup.person_v1} table, inside the command's transaction. */
@Component
class JdbcPersonDirectory implements PersonDirectory {

    private final JdbcClient jdbc;

    JdbcPersonDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Person resolve(String normalizedEmail) {
        // ON CONFLICT DO UPDATE (a no-op write) makes RETURNING yield the existing row; a concurrent first
        // resolution of the same email waits for the other transaction and then sees its id.
        return jdbc.sql("""
                        INSERT INTO lookup.person_v1 (email, user_id)
                        VALUES (:email, :userId)
                        ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
                        RETURNING user_id, email, full_name, known""")
                .param("email", normalizedEmail)
                .param("userId", UUID.randomUUID())
                .query((rs, row) -> new Person(rs.getObject("user_id", UUID.class), rs.getString("email"),
                        rs.getString("full_name"), rs.getBoolean("known")))
                .single();
    }
}
