/** Roles: the per-organization catalogue, its built-in entries and permission strings. */
package dev.membership.api.role;
