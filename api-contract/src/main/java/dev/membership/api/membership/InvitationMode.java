package dev.membership.api.membership;

/** How an {@link InviteUsersCommand} treats people the service already knows. */
public enum InvitationMode {
    /** Known people become accepted members at once; only unknown people get an invitation (Evo E2). */
    ADD_KNOWN_PEOPLE,
    /**
     * Everyone gets an invitation to accept (people reached through a linked directory group); people who already have
     * a membership keep it, and are answered with it rather than refused (two groups linked to one directory group at
     * once invite its newcomers once).
     */
    INVITE_EVERYONE
}
