/** Evo instance users (E1 to E4). */
package dev.membership.web.evo.membership;
