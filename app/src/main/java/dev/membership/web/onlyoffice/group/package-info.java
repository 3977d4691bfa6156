/** ONLYOFFICE DocSpace groups (/api/2.0/group). */
package dev.membership.web.onlyoffice.group;
