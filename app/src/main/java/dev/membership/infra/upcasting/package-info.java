/** Upcasters: how stored events of older revisions are read in today's shape. */
package dev.membership.infra.upcasting;
