/** Invitations: the policy for pending memberships (time to live, expiry). */
package dev.membership.command.invitation;
