/** Native "as of" views of members and group members. */
package dev.membership.web.v1.temporal;
