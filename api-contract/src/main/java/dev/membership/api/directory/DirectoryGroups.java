package dev.membership.api.directory;

/** Naming of directory group aggregates. */
public final class DirectoryGroups {

    public static final String AGGREGATE_PREFIX = "directory-group:";

    private DirectoryGroups() {
    }

    public static String aggregateId(String directoryGroupId) {
        return AGGREGATE_PREFIX + directoryGroupId;
    }
}
