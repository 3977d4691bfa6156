/** Bearer-JWT security, the calling actor, and authorization inside an organization. */
package dev.membership.security;
