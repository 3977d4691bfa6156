/** Memberships: people belonging to an organization, with their roles. */
package dev.membership.api.membership;
