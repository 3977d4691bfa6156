package dev.membership.api.role;

import static dev.membership.api.role.Permission.*;

import java.util.List;
import java.util.UUID;

/** The roles every organization has from its creation. Privilege order: Owner, Admin, Auditor, User. */
public enum BuiltInRole {
    OWNER("owner", "Owner", "Full control of the organization, including its Owners.",
            List.of(ORGANIZATION_READ, MEMBERS_READ, MEMBERS_WRITE, OWNERS_MANAGE, GROUPS_READ, GROUPS_WRITE, AUDIT_READ)),
    ADMIN("admin", "Admin", "Manages members, invitations and groups; cannot grant or remove Owner.",
            List.of(ORGANIZATION_READ, MEMBERS_READ, MEMBERS_WRITE, GROUPS_READ, GROUPS_WRITE, AUDIT_READ)),
    AUDITOR("auditor", "Auditor", "Reads members, groups and the audit history; changes nothing.",
            List.of(ORGANIZATION_READ, MEMBERS_READ, GROUPS_READ, AUDIT_READ)),
    USER("user", "User", "Member of the organization; reads members and groups.",
            List.of(ORGANIZATION_READ, MEMBERS_READ, GROUPS_READ));

    private final String key;
    private final String displayName;
    private final String description;
    private final List<String> permissions;

    BuiltInRole(String key, String displayName, String description, List<String> permissions) {
        this.key = key;
        this.displayName = displayName;
        this.description = description;
        this.permissions = permissions;
    }

    public String key() {
        return key;
    }

    public RoleDefinition define(UUID id) {
        return new RoleDefinition(id, key, displayName, description, permissions, ordinal() + 1);
    }
}
