/** Read model of groups. */
package dev.membership.query.group;
