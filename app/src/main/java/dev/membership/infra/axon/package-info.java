/** Axon wiring: event store, token store, serializers and processors on PostgreSQL. */
package dev.membership.infra.axon;
