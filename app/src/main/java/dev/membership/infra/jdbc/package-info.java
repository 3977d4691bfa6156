/** JDBC helpers: a connection that sends one-row writes in batches. */
package dev.membership.infra.jdbc;
