/** Rebuilding read models from the event store while the service keeps serving. */
package dev.membership.infra.projection;
