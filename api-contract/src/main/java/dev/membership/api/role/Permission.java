package dev.membership.api.role;

/** Permission strings carried by roles; the API checks them, and E7 lists them. */
public final class Permission {

    public static final String ORGANIZATION_READ = "organization:read";
    public static final String MEMBERS_READ = "members:read";
    public static final String MEMBERS_WRITE = "members:write";
    public static final String OWNERS_MANAGE = "owners:manage";
    public static final String GROUPS_READ = "groups:read";
    public static final String GROUPS_WRITE = "groups:write";
    public static final String AUDIT_READ = "audit:read";

    private Permission() {
    }
}
