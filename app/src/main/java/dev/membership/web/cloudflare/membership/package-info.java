/** Cloudflare account members. */
package dev.membership.web.cloudflare.membership;
