/** The Cloudflare API v4 dialect: account members and account user groups under /client/v4. */
package dev.membership.web.cloudflare;
