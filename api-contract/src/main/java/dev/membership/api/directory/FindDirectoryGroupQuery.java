package dev.membership.api.directory;

/** One directory group with its people, answered with an optional {@link DirectoryGroupView}. */
public record FindDirectoryGroupQuery(String directoryGroupId) {
}
