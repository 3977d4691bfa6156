package dev.membership.command.person;

import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.api.directory.DirectoryPerson;
import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.UserInvitedEvent;
import java.util.UUID;
import dev.membership.api.membership.MemberAddedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the person look-up table in step with the events, in the command's own transaction. Replay-safe: every
 * write is an upsert keyed by email, so the table can be rebuilt from the event store.
 */
@Component
@ProcessingGroup("person-directory")
class PersonDirectoryProjection {

    private final JdbcClient jdbc;

    PersonDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberAddedEvent event) {
        known(event.email(), event.userId(), event.fullName());
    }

    // Events are authoritative for a person's user id, so a replay rebuilds exactly the same table. A row that already
    // says what the event says is left as it is: live, the command that invited the person wrote it moments before.

    @EventHandler
    void on(InvitationAcceptedEvent event) {
        known(event.email(), event.userId(), event.fullName());
    }

    /** Provisioned directory people are known: adding them makes them members at once. */
    @EventHandler
    void on(DirectoryGroupProvisionedEvent event) {
        for (DirectoryPerson person : event.members()) {
            // a person first seen through a directory gets an id derived from the email: the same on every replay
            UUID userId = UUID.nameUUIDFromBytes(("person:" + person.email()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jdbc.sql("""
                            INSERT INTO lookup.person_v1 (email, user_id, full_name, known)
                            VALUES (:email, :userId, :fullName, true)
                            ON CONFLICT (email) DO UPDATE
                            SET known = true, full_name = COALESCE(EXCLUDED.full_name, lookup.person_v1.full_name)""")
                    .param("email", person.email()).param("userId", userId).param("fullName", person.fullName()).update();
        }
    }

    private void known(String email, UUID userId, String fullName) {
        jdbc.sql("""
                        INSERT INTO lookup.person_v1 (email, user_id, full_name, known)
                        VALUES (:email, :userId, :fullName, true)
                        ON CONFLICT (email) DO UPDATE
                        SET known = true, user_id = EXCLUDED.user_id,
                            full_name = COALESCE(EXCLUDED.full_name, lookup.person_v1.full_name)
                        WHERE (lookup.person_v1.known, lookup.person_v1.user_id, lookup.person_v1.full_name)
                              IS DISTINCT FROM (true, EXCLUDED.user_id, COALESCE(EXCLUDED.full_name, lookup.person_v1.full_name))""")
                .param("email", email)
                .param("userId", userId)
                .param("fullName", fullName)
                .update();
    }

    @EventHandler
    void on(UserInvitedEvent event) {
        jdbc.sql("""
                        INSERT INTO lookup.person_v1 (email, user_id) VALUES (:email, :userId)
                        ON CONFLICT (email) DO UPDATE SET user_id = EXCLUDED.user_id
                        WHERE lookup.person_v1.user_id IS DISTINCT FROM EXCLUDED.user_id""")
                .param("email", event.email())
                .param("userId", event.userId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM lookup.person_v1").update();
    }
}
