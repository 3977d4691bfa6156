/** Directory (IMS) groups: the mirrored external groups and their look-up. */
package dev.membership.command.directory;
