package dev.membership.api.directory;

import java.util.List;

/** A mirrored directory group and its people. */
public record DirectoryGroupView(String id, String name, boolean federated, List<DirectoryPerson> members) {
}
