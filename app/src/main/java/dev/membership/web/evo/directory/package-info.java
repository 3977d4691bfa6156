/** Evo IMS groups and users (I1 to I3). */
package dev.membership.web.evo.directory;
