/** Native invitations: acceptance. */
package dev.membership.web.v1.invitation;
