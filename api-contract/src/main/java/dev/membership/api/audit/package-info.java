/** Audit: every event with its actor, correlation and subjects, queryable and exportable. */
package dev.membership.api.audit;
