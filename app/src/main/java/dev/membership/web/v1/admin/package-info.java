/** Native administration: read models and their rebuilds. */
package dev.membership.web.v1.admin;
