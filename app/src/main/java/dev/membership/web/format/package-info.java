/** How values are written on the wire, shared by every dialect. */
package dev.membership.web.format;
