/** Organizations: the tenants that own memberships, roles and groups. */
package dev.membership.api.organization;
