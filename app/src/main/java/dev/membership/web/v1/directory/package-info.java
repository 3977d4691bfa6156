/** Native directory (IMS) group provisioning. */
package dev.membership.web.v1.directory;
