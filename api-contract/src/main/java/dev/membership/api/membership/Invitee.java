package dev.membership.api.membership;

import java.util.List;
import java.util.UUID;

/** One person to add to an organization, with the role ids to give them. */
public record Invitee(String email, List<UUID> roleIds) {

    public Invitee {
        roleIds = List.copyOf(roleIds);
    }
}
