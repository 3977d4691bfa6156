/** Native groups. */
package dev.membership.web.v1.group;
