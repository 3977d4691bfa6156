package dev.membership.command.person;

/**
 * The command side's set-based look-up of people by email. Resolving an email that was never seen before
 * allocates its user id, atomically, so every organization gives one person the same id.
 */
public interface PersonDirectory {

    Person resolve(String normalizedEmail);
}
