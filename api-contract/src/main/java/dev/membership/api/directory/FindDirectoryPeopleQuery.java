package dev.membership.api.directory;

/**
 * People of all directory groups whose email matches: {@code pattern} is an exact email, or a
 * case-insensitive pattern where {@code *} stands for any characters. Answered with a {@link DirectoryPeople}.
 */
public record FindDirectoryPeopleQuery(String pattern, boolean wildcard) {
}
