/** The native API under /v1: organizations, invitations, groups, audit, history and the event feed. */
package dev.membership.web.v1;
