/** The Seequent Evo Workspaces dialect: instance users, invitations, roles and instance groups. */
package dev.membership.web.evo;
