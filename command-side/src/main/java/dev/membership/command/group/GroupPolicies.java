package dev.membership.command.group;

import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.api.group.FollowDirectoryGroupsCommand;
import dev.membership.api.group.RemoveGroupMemberCommand;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.membership.MembershipLookup;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Policies that keep groups consistent with memberships and directory groups. They run in the transaction of
 * the event that triggers them, so the follow-up is all or nothing with its cause, and it carries the cause's
 * correlation id.
 */
final class GroupPolicies {

    static final String MEMBERSHIP_ENDED = "membership-ended";

    private GroupPolicies() {
    }

    /**
     * Sends a policy's command to a group; a group deleted since the look-up named it needs nothing done, and no
     * longer fails the change that caused the command (a removal, a directory's update) with 404.
     */
    private static void sendUnlessGroupGone(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (MembershipException e) {
            if (e.code() != ErrorCode.GROUP_NOT_FOUND) {
                throw e;
            }
        }
    }

    /** A membership that ends (removal, revocation, expiry) leaves every group. */
    @Component
    @ProcessingGroup("group-policies")
    static class MembershipEndedPolicy {

        private final CommandGateway commands;
        private final GroupLookup lookup;
        private final MembershipLookup memberships;

        MembershipEndedPolicy(CommandGateway commands, GroupLookup lookup, MembershipLookup memberships) {
            this.commands = commands;
            this.lookup = lookup;
            this.memberships = memberships;
        }

        @EventHandler
        @DisallowReplay
        void on(UserRemovedEvent event) {
            leaveGroups(event.organizationId(), event.membershipId());
        }

        @EventHandler
        @DisallowReplay
        void on(InvitationRevokedEvent event) {
            leaveGroups(event.organizationId(), event.invitationId());
        }

        @EventHandler
        @DisallowReplay
        void on(InvitationExpiredEvent event) {
            leaveGroups(event.organizationId(), event.invitationId());
        }

        /**
         * The groups are those the membership is in once every group command that found it has committed: one that
         * added it at the same time is not missed.
         */
        private void leaveGroups(UUID organizationId, UUID membershipId) {
            memberships.awaitWritersOf(membershipId);
            for (UUID groupId : lookup.groupsOf(membershipId)) {
                sendUnlessGroupGone(commands, new RemoveGroupMemberCommand(groupId, organizationId, membershipId,
                        MEMBERSHIP_ENDED, Actor.system()));
            }
        }
    }

    /** When a directory group changes, every group linked to it follows: newcomers join, leavers leave. */
    @Component
    @ProcessingGroup(dev.membership.command.directory.DirectoryLookupProjection.PROCESSING_GROUP)
    @org.springframework.core.annotation.Order(2)
    static class DirectoryFollowPolicy {

        private final CommandGateway commands;
        private final GroupLookup lookup;

        DirectoryFollowPolicy(CommandGateway commands, GroupLookup lookup) {
            this.commands = commands;
            this.lookup = lookup;
        }

        @EventHandler
        @DisallowReplay
        void on(DirectoryGroupProvisionedEvent event) {
            for (GroupLookup.Link link : lookup.groupsLinkedTo(event.directoryGroupId())) {
                // the group reads its links under its own lock: a change of links committed meanwhile stands
                sendUnlessGroupGone(commands, new FollowDirectoryGroupsCommand(link.groupId(), link.organizationId(),
                        Actor.system()));
            }
        }
    }
}
