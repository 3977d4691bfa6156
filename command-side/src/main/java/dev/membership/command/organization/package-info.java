/** The Organization aggregate: role catalogue, memberships and invitations of one tenant. */
package dev.membership.command.organization;
