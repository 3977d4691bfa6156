package dev.membership.api.directory;

/** Every directory group, without its people (each group's {@code members} is empty), as a {@link DirectoryGroupList}. */
public record FindDirectoryGroupsQuery() {
}
