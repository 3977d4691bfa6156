package dev.membership.api.directory;

import java.util.List;

/** Directory groups by id. */
public record DirectoryGroupList(List<DirectoryGroupView> groups) {
}
