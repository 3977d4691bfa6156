/** Cloudflare account user groups (U1 to U5) and their members (C1 to C5). */
package dev.membership.web.cloudflare.group;
