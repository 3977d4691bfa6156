package dev.membership.command.person;

import java.util.UUID;

/**
 * A platform-wide identity keyed by normalized email.
 *
 * @param known whether the person is or was a member of some organization, or was provisioned
 */
public record Person(UUID userId, String email, String fullName, boolean known) {
}
