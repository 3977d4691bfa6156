/** The audit log and event feed read model: one row per event, in global order. */
package dev.membership.query.audit;
