/** Evo invitations (E5, E6). */
package dev.membership.web.evo.invitation;
