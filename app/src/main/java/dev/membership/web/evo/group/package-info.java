/** Evo instance groups (G1, G2). */
package dev.membership.web.evo.group;
