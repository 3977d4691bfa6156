/** Types every feature shares: the actor, email normalization and the error vocabulary. */
package dev.membership.api.shared;
