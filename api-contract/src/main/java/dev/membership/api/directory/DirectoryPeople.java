package dev.membership.api.directory;

import java.util.List;

/** People found in the directory, by email. */
public record DirectoryPeople(List<DirectoryPerson> people) {
}
