/**
 * JDBC helpers: a connection that sends one-row writes in batches, and the time limit of the statements a query
 * handler runs.
 */
package dev.membership.infra.jdbc;
