/** Idempotency-Key handling for writes: a retried request answers the first response and writes nothing new. */
package dev.membership.infra.idempotency;
