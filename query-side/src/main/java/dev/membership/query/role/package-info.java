/** Read model of role catalogues. */
package dev.membership.query.role;
