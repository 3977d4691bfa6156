package dev.membership.api.group;

import java.util.List;
import java.util.UUID;

/** The memberships of the people reached through a group's directory links, after linking. */
public record DirectoryLinkResult(List<UUID> membershipIds) {
}
