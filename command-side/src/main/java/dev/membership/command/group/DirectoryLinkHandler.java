package dev.membership.command.group;

import dev.membership.api.group.DirectoryLinkResult;
import dev.membership.api.group.FollowDirectoryGroupsCommand;
import dev.membership.api.group.LinkDirectoryGroupsCommand;
import dev.membership.api.membership.InvitationMode;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.InviteUsersResult;
import dev.membership.api.membership.Invitee;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.config.CachedAggregates;
import dev.membership.command.directory.DirectoryLookup;
import dev.membership.command.invitation.InvitationPolicy;
import dev.membership.command.membership.MembershipLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Links a group to directory groups in one unit of work: people of those groups who are not yet in the
 * organization are invited (as Users), and every person they reach becomes a member of the group.
 */
@Component
class DirectoryLinkHandler {

    private final Configuration axon;
    private final CommandGateway commands;
    private final DirectoryLookup directory;
    private final MembershipLookup memberships;
    private final InvitationPolicy policy;
    private final CachedAggregates cached;

    DirectoryLinkHandler(Configuration axon, CommandGateway commands, DirectoryLookup directory,
            MembershipLookup memberships, InvitationPolicy policy, CachedAggregates cached) {
        this.axon = axon;
        this.commands = commands;
        this.directory = directory;
        this.memberships = memberships;
        this.policy = policy;
        this.cached = cached;
    }

    /**
     * The group is loaded here, not by Axon for a handler of its own, so its handler interceptor does not see these
     * commands: a link that finds nothing to change, or a refusal, is compared with the store here instead
     * ({@link CachedAggregates}), so that a group another node changed is not answered from this node's cached copy.
     */
    @CommandHandler
    DirectoryLinkResult handle(LinkDirectoryGroupsCommand command) throws Exception {
        List<String> ids = command.directoryGroupIds().stream().distinct().toList();
        requireKnown(ids, command.directoryGroupIds());
        Aggregate<Group> group = load(command.groupId());
        return cached.handleCurrent(command.groupId(), group::version, () -> {
            group.execute(g -> g.requireOrganization(command.organizationId()));
            return link(group, command.organizationId(), ids, command.actor());
        });
    }

    /** The group's links as they stand once its lock is held, so a change of links made meanwhile is not undone. */
    @CommandHandler
    DirectoryLinkResult handle(FollowDirectoryGroupsCommand command) throws Exception {
        Aggregate<Group> group = load(command.groupId());
        return cached.handleCurrent(command.groupId(), group::version, () -> {
            group.execute(g -> g.requireOrganization(command.organizationId()));
            List<String> ids = group.invoke(Group::directoryGroupIds);
            requireKnown(ids, ids);
            return link(group, command.organizationId(), ids, command.actor());
        });
    }

    private void requireKnown(List<String> ids, List<String> asSent) {
        List<String> unknown = directory.unknown(ids);
        if (!unknown.isEmpty()) {
            List<InvalidParam> params = new ArrayList<>();
            for (int i = 0; i < asSent.size(); i++) {
                if (unknown.contains(asSent.get(i))) {
                    params.add(new InvalidParam("ims_groups[" + i + "]", "Directory group " + asSent.get(i) + " does not exist"));
                }
            }
            throw new MembershipException(ErrorCode.DIRECTORY_GROUP_NOT_FOUND, ErrorCode.DIRECTORY_GROUP_NOT_FOUND.defaultDetail(), params);
        }
    }

    /** Invites the people the links reach who are not in the organization yet, then links: they all become members. */
    private DirectoryLinkResult link(Aggregate<Group> group, UUID organizationId, List<String> ids, Actor actor) {
        List<String> emails = directory.emailsOf(ids);
        // an invitation past its expiry reaches no one: its person is invited afresh (the old one ends as they are)
        Map<String, UUID> reached = new HashMap<>(memberships.byEmails(organizationId, emails, policy.now()));
        List<Invitee> newcomers = emails.stream().filter(email -> !reached.containsKey(email))
                .map(email -> new Invitee(email, List.of())).toList();
        if (!newcomers.isEmpty()) {
            InviteUsersResult invited = commands.sendAndWait(new InviteUsersCommand(organizationId, newcomers,
                    InvitationMode.INVITE_EVERYONE, actor));
            invited.invitations().forEach(invitation -> reached.put(invitation.email(), invitation.invitationId()));
            reached.putAll(invited.alreadyThere()); // invited meanwhile, by a link to the same directory group
        }
        List<UUID> reachable = emails.stream().map(reached::get).toList();
        group.execute(g -> g.linkDirectoryGroups(ids, reachable));
        return new DirectoryLinkResult(reachable);
    }

    private Aggregate<Group> load(UUID groupId) {
        try {
            Repository<Group> groups = axon.repository(Group.class);
            return groups.load(groupId.toString());
        } catch (AggregateNotFoundException e) {
            throw new MembershipException(ErrorCode.GROUP_NOT_FOUND);
        }
    }
}
