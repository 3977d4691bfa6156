package dev.membership.api.shared;

/**
 * Who asked for a change: the authenticated caller as the command side needs to know it.
 *
 * @param subject       the token's {@code sub}
 * @param email         the caller's normalized email, or {@code null} when the token carries none
 * @param name          the caller's display name, or {@code null}
 * @param platformAdmin whether the token carries the platform-admin scope
 */
public record Actor(String subject, String email, String name, boolean platformAdmin) {

    public Actor {
        email = email == null ? null : Emails.normalize(email);
    }

    public static Actor system() {
        return new Actor("system", null, "system", true);
    }
}
