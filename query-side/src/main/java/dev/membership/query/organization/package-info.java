/** Read model of organizations. */
package dev.membership.query.organization;
