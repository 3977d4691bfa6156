package dev.membership.api.directory;

/** A person in an external directory group. */
public record DirectoryPerson(String email, String fullName) {
}
