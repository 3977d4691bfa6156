/** Native audit log, exports and histories. */
package dev.membership.web.v1.audit;
