/** Native organizations. */
package dev.membership.web.v1.organization;
