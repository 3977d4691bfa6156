package dev.membership.api.directory;

/** Every directory group, answered with a {@link DirectoryGroupList}. */
public record FindDirectoryGroupsQuery() {
}
