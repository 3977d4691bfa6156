/** Groups: named sets of memberships of one organization, optionally linked to directory groups. */
package dev.membership.api.group;
