/** Memberships across aggregates: the look-up of which memberships each organization has. */
package dev.membership.command.membership;
