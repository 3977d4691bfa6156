/** Read model of memberships: member lists, invitation lists and caller access. */
package dev.membership.query.membership;
