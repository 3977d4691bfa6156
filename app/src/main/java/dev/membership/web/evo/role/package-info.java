/** Evo instance roles (E7). */
package dev.membership.web.evo.role;
