package dev.membership.api.temporal;

import java.util.List;
import java.util.UUID;

/** A membership as it was: its status then and the ids of the roles it held then. */
public record MemberAsOf(UUID membershipId, UUID userId, String email, String status, List<UUID> roleIds) {
}
