/** Invitations: pending memberships of people who have not joined yet. */
package dev.membership.api.invitation;
