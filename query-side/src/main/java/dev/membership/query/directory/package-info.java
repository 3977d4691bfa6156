/** Read model of directory (IMS) groups. */
package dev.membership.query.directory;
