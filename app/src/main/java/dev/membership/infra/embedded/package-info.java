/** The embedded PostgreSQL default, used when no datasource is configured. */
package dev.membership.infra.embedded;
