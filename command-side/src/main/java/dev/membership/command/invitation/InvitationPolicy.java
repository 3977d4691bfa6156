package dev.membership.command.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How long invitations stay open, and the clock the command side reads time from. */
public record InvitationPolicy(Duration timeToLive, Clock clock) {

    public Instant now() {
        return clock.instant();
    }

    public Instant expiryFrom(Instant invitedAt) {
        return invitedAt.plus(timeToLive);
    }
}
