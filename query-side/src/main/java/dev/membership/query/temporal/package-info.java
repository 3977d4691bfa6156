/** Temporal read model: validity ranges of memberships, roles and group members, for "as of" queries. */
package dev.membership.query.temporal;
