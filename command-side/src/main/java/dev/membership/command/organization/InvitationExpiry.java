package dev.membership.command.organization;

import java.util.UUID;

/** Deadline payload: the invitation to expire when its time is up. */
record InvitationExpiry(UUID invitationId) {

    static final String DEADLINE = "invitation-expiry";
}
