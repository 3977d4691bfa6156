/** People: the platform-wide identities behind memberships, resolved by email for set-based validation. */
package dev.membership.command.person;
