package dev.membership.api.directory;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A directory group was created or replaced: its name, whether it is federated, and its people, with the
 * emails that joined and left since the previous version.
 */
@Revision("1")
public record DirectoryGroupProvisionedEvent(
        String directoryGroupId,
        String name,
        boolean federated,
        List<DirectoryPerson> members,
        List<String> joinedEmails,
        List<String> leftEmails,
        Instant provisionedAt) {
}
