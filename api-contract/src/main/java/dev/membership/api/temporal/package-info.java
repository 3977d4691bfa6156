/** "As of" views: the state of memberships, roles and group members at any past instant. */
package dev.membership.api.temporal;
