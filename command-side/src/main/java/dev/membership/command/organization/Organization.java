package dev.membership.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.membership.api.invitation.AcceptInvitationCommand;
import dev.membership.api.invitation.ExpireInvitationCommand;
import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.invitation.RevokeInvitationCommand;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.InvitationMode;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.InviteUsersResult;
import dev.membership.api.membership.Invitee;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.RemoveUserCommand;
import dev.membership.api.membership.UpdateUserRolesCommand;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.membership.UserRolesUpdatedEvent;
import dev.membership.api.organization.CreateOrganizationCommand;
import dev.membership.api.organization.OrganizationCreatedEvent;
import dev.membership.api.role.BuiltInRole;
import dev.membership.api.role.Permission;
import dev.membership.api.role.RoleDefinition;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.config.CachedAggregates;
import dev.membership.command.invitation.InvitationPolicy;
import dev.membership.command.person.Person;
import dev.membership.command.person.PersonDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organization: its role catalogue and its memberships, from invitation to acceptance to removal. It holds
 * every per-organization invariant: one membership per email, role ids from the catalogue, at least one Owner,
 * and only an Owner grants or removes Owner.
 *
 * <p>Loaded from its own events only (all aggregates share one table; {@code CommandSideConfiguration}): another
 * aggregate's id is not found.
 */
// the revision of its snapshots' shape: bumped with every change of its fields (SnapshotShapesTest), so snapshots of
// an older shape are passed over, and the organization is sourced from its events instead
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "organizationSnapshotTrigger", cache = "organizationCache")
class Organization {

    @AggregateIdentifier
    private UUID organizationId;
    private Map<UUID, RoleDefinition> roles;
    private UUID ownerRoleId;
    private UUID userRoleId;
    private Map<String, Membership> membershipsByEmail;
    private Map<UUID, String> emailsByUserId;
    private Map<UUID, String> emailsByMembershipId;
    /** Invitations that can no longer be accepted, and why. */
    private Map<UUID, ErrorCode> endedInvitations;

    /** A cached organization another node has changed since does not answer: the command runs again on the stored one. */
    @CommandHandlerInterceptor
    Object onlyIfCurrent(InterceptorChain chain, CachedAggregates cached) throws Exception {
        return cached.handleCurrent(organizationId, chain);
    }

    @CommandHandler
    Organization(CreateOrganizationCommand command, PersonDirectory people, InvitationPolicy policy) {
        Instant now = policy.now();
        List<RoleDefinition> catalogue = Arrays.stream(BuiltInRole.values())
                .map(role -> role.define(UUID.randomUUID()))
                .toList();
        apply(new OrganizationCreatedEvent(command.organizationId(), command.name(), catalogue, now));

        // events applied in a constructor reach the event sourcing handlers only after it returns
        UUID ownerRole = catalogue.get(BuiltInRole.OWNER.ordinal()).id();
        Person owner = people.resolve(command.ownerEmail());
        String ownerName = command.ownerName() != null ? command.ownerName() : owner.fullName();
        apply(new MemberAddedEvent(command.organizationId(), UUID.randomUUID(), owner.userId(), owner.email(),
                ownerName, List.of(ownerRole), now));
    }

    @CommandHandler
    InviteUsersResult handle(InviteUsersCommand command, PersonDirectory people, InvitationPolicy policy) {
        // each role once, however it was sent (one id written two ways), as a role update keeps them
        List<Invitee> invitees = command.invitees().stream()
                .map(invitee -> new Invitee(invitee.email(),
                        invitee.roleIds().isEmpty() ? List.of(userRoleId) : invitee.roleIds().stream().distinct().toList()))
                .toList();
        requireMemberManager(command.actor());
        requireValid(invitees);
        requireMayGrant(command.actor(), invitees.stream().flatMap(i -> i.roleIds().stream()).toList());
        Instant now = policy.now();
        Map<String, UUID> alreadyThere = new LinkedHashMap<>();
        List<Membership> due = new ArrayList<>();
        for (Invitee invitee : invitees) {
            Membership existing = membershipsByEmail.get(invitee.email());
            if (existing != null && !existing.isAccepted() && !now.isBefore(existing.expiresAt())) {
                due.add(existing); // past its time, not yet swept: it ends now, and the person is invited afresh
            } else if (existing != null && command.mode() == InvitationMode.INVITE_EVERYONE) {
                alreadyThere.put(invitee.email(), existing.membershipId());
            } else if (existing != null) {
                throw new MembershipException(
                        existing.isAccepted() ? ErrorCode.ALREADY_MEMBER : ErrorCode.ALREADY_INVITED,
                        (existing.isAccepted() ? "Already a member: " : "Already invited: ") + invitee.email());
            }
        }

        for (Membership invitation : due) {
            apply(new InvitationExpiredEvent(organizationId, invitation.membershipId(), invitation.userId(),
                    invitation.email(), now));
        }
        List<MemberAddedEvent> members = new ArrayList<>();
        List<UserInvitedEvent> invitations = new ArrayList<>();
        for (Invitee invitee : invitees) {
            if (alreadyThere.containsKey(invitee.email())) {
                continue;
            }
            Person person = people.resolve(invitee.email());
            if (person.known() && command.mode() == InvitationMode.ADD_KNOWN_PEOPLE) {
                MemberAddedEvent added = new MemberAddedEvent(organizationId, UUID.randomUUID(), person.userId(),
                        person.email(), person.fullName(), invitee.roleIds(), now);
                apply(added);
                members.add(added);
            } else {
                UserInvitedEvent invited = new UserInvitedEvent(organizationId, UUID.randomUUID(), person.userId(),
                        person.email(), invitee.roleIds(), inviter(command.actor()), now, policy.expiryFrom(now));
                apply(invited);
                invitations.add(invited);
            }
        }
        return new InviteUsersResult(members, invitations, alreadyThere);
    }

    @CommandHandler
    void handle(AcceptInvitationCommand command, PersonDirectory people, InvitationPolicy policy) {
        Membership invitation = invitation(command.invitationId());
        if (invitation.isAccepted()) {
            throw new MembershipException(ErrorCode.INVITATION_ALREADY_ACCEPTED);
        }
        if (!invitation.email().equals(command.actor().email())) {
            throw new MembershipException(ErrorCode.INVITATION_EMAIL_MISMATCH);
        }
        Instant now = policy.now();
        if (!now.isBefore(invitation.expiresAt())) {
            throw new MembershipException(ErrorCode.INVITATION_EXPIRED);
        }
        String name = command.actor().name() != null ? command.actor().name() : people.resolve(invitation.email()).fullName();
        apply(new InvitationAcceptedEvent(organizationId, invitation.membershipId(), invitation.userId(), invitation.email(),
                name, invitation.roleIds(), now));
    }

    @CommandHandler
    void handle(RevokeInvitationCommand command, InvitationPolicy policy) {
        requireMemberManager(command.actor());
        String email = emailsByMembershipId.get(command.invitationId());
        Membership invitation = email == null ? null : membershipsByEmail.get(email);
        if (invitation == null || invitation.isAccepted()) {
            throw new MembershipException(ErrorCode.INVITATION_NOT_FOUND);
        }
        requireMayGrant(command.actor(), invitation.roleIds());
        apply(new InvitationRevokedEvent(organizationId, invitation.membershipId(), invitation.userId(), invitation.email(),
                policy.now()));
    }

    /** An invitation still pending at its expiry ends; anything else is left as it is. */
    @CommandHandler
    void handle(ExpireInvitationCommand command, InvitationPolicy policy) {
        String email = emailsByMembershipId.get(command.invitationId());
        Membership invitation = email == null ? null : membershipsByEmail.get(email);
        Instant now = policy.now();
        if (invitation != null && !invitation.isAccepted() && !now.isBefore(invitation.expiresAt())) {
            apply(new InvitationExpiredEvent(organizationId, invitation.membershipId(), invitation.userId(),
                    invitation.email(), now));
        }
    }

    @CommandHandler
    List<UUID> handle(UpdateUserRolesCommand command, InvitationPolicy policy) {
        requireMemberManager(command.actor());
        Membership member = acceptedMember(command.userId());
        List<UUID> roleIds = command.roleIds().stream().distinct().toList();
        List<InvalidParam> unknown = new ArrayList<>();
        for (int i = 0; i < roleIds.size(); i++) {
            if (!roles.containsKey(roleIds.get(i))) {
                unknown.add(new InvalidParam("roles[" + i + "]", "Role " + roleIds.get(i) + " does not exist in this organization"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new MembershipException(ErrorCode.ROLE_NOT_FOUND, ErrorCode.ROLE_NOT_FOUND.defaultDetail(), unknown);
        }
        if (Set.copyOf(roleIds).equals(Set.copyOf(member.roleIds()))) {
            return member.roleIds();
        }
        boolean ownerChanges = member.has(ownerRoleId) != roleIds.contains(ownerRoleId);
        if (ownerChanges) {
            requireOwner(command.actor());
            if (member.has(ownerRoleId)) {
                requireAnotherOwner(member);
            }
        }
        Instant now = policy.now();
        apply(new UserRolesUpdatedEvent(organizationId, member.membershipId(), member.userId(), roleIds, member.roleIds(),
                now));
        revokeInvitationsBeyond(member, roleIds, now);
        return roleIds;
    }

    @CommandHandler
    void handle(RemoveUserCommand command, InvitationPolicy policy) {
        requireMemberManager(command.actor());
        Membership member = acceptedMember(command.userId());
        if (member.has(ownerRoleId)) {
            requireOwner(command.actor());
            requireAnotherOwner(member);
        }
        Instant now = policy.now();
        apply(new UserRemovedEvent(organizationId, member.membershipId(), member.userId(), member.email(), now));
        revokeInvitationsBeyond(member, List.of(), now);
    }

    /**
     * The pending invitations {@code member} sent that grant what they may no longer grant with {@code rolesNow} are
     * revoked with the change: all of them once they no longer manage members (removed, say), those granting Owner
     * once they are no longer an Owner. Otherwise an invitation would hand its role, on acceptance, to someone whom no
     * current member of that standing invited (a removed Owner's invitation to an address of their own, say).
     */
    private void revokeInvitationsBeyond(Membership member, List<UUID> rolesNow, Instant now) {
        boolean managesMembers = rolesNow.stream().map(roles::get)
                .anyMatch(role -> role != null && role.permissions().contains(Permission.MEMBERS_WRITE));
        boolean grantsOwner = rolesNow.contains(ownerRoleId);
        List<Membership> beyond = membershipsByEmail.values().stream()
                .filter(invitation -> !invitation.isAccepted() && member.email().equalsIgnoreCase(invitation.invitedBy()))
                .filter(invitation -> !managesMembers || invitation.has(ownerRoleId) && !grantsOwner)
                .sorted(java.util.Comparator.comparing(Membership::email)) // in one order, whatever the map's
                .toList();
        for (Membership invitation : beyond) {
            apply(new InvitationRevokedEvent(organizationId, invitation.membershipId(), invitation.userId(),
                    invitation.email(), now));
        }
    }

    @EventSourcingHandler
    void on(OrganizationCreatedEvent event) {
        organizationId = event.organizationId();
        roles = new LinkedHashMap<>();
        event.roles().forEach(role -> roles.put(role.id(), role));
        ownerRoleId = roleWithKey(event.roles(), BuiltInRole.OWNER);
        userRoleId = roleWithKey(event.roles(), BuiltInRole.USER);
        membershipsByEmail = new HashMap<>();
        emailsByUserId = new HashMap<>();
        emailsByMembershipId = new HashMap<>();
        endedInvitations = new HashMap<>();
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        put(new Membership(event.membershipId(), event.userId(), event.email(), Membership.Status.ACCEPTED,
                event.roleIds(), null, null));
    }

    @EventSourcingHandler
    void on(UserInvitedEvent event) {
        put(new Membership(event.invitationId(), event.userId(), event.email(), Membership.Status.PENDING,
                event.roleIds(), event.expiresAt(), event.invitedByEmail()));
    }

    @EventSourcingHandler
    void on(InvitationAcceptedEvent event) {
        put(membershipsByEmail.get(event.email()).accepted(event.roleIds()));
    }

    @EventSourcingHandler
    void on(InvitationRevokedEvent event) {
        forget(event.email());
        endedInvitations.put(event.invitationId(), ErrorCode.INVITATION_REVOKED);
    }

    @EventSourcingHandler
    void on(InvitationExpiredEvent event) {
        forget(event.email());
        endedInvitations.put(event.invitationId(), ErrorCode.INVITATION_EXPIRED);
    }

    @EventSourcingHandler
    void on(UserRolesUpdatedEvent event) {
        String email = emailsByMembershipId.get(event.membershipId());
        put(membershipsByEmail.get(email).withRoles(event.roleIds()));
    }

    @EventSourcingHandler
    void on(UserRemovedEvent event) {
        forget(event.email());
    }

    private void put(Membership membership) {
        membershipsByEmail.put(membership.email(), membership);
        emailsByUserId.put(membership.userId(), membership.email());
        emailsByMembershipId.put(membership.membershipId(), membership.email());
    }

    private void forget(String email) {
        Membership membership = membershipsByEmail.remove(email);
        if (membership != null) {
            emailsByUserId.remove(membership.userId());
            emailsByMembershipId.remove(membership.membershipId());
        }
    }

    private Membership invitation(UUID invitationId) {
        ErrorCode ended = endedInvitations.get(invitationId);
        if (ended != null) {
            throw new MembershipException(ended);
        }
        String email = emailsByMembershipId.get(invitationId);
        if (email == null) {
            throw new MembershipException(ErrorCode.INVITATION_NOT_FOUND);
        }
        return membershipsByEmail.get(email);
    }

    private Membership acceptedMember(UUID userId) {
        String email = emailsByUserId.get(userId);
        Membership member = email == null ? null : membershipsByEmail.get(email);
        if (member == null || !member.isAccepted()) {
            throw new MembershipException(ErrorCode.USER_NOT_FOUND);
        }
        return member;
    }

    private void requireValid(List<Invitee> invitees) {
        List<InvalidParam> problems = new ArrayList<>();
        boolean unknownRole = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < invitees.size(); i++) {
            Invitee invitee = invitees.get(i);
            if (!seen.add(invitee.email())) {
                problems.add(new InvalidParam("users[" + i + "].email", "Duplicate email in the request: " + invitee.email()));
            }
            for (int j = 0; j < invitee.roleIds().size(); j++) {
                UUID roleId = invitee.roleIds().get(j);
                if (!roles.containsKey(roleId)) {
                    unknownRole = true;
                    problems.add(new InvalidParam("users[" + i + "].roles[" + j + "]",
                            "Role " + roleId + " does not exist in this organization"));
                }
            }
        }
        if (!problems.isEmpty()) {
            ErrorCode code = unknownRole ? ErrorCode.ROLE_NOT_FOUND : ErrorCode.INVALID_REQUEST;
            throw new MembershipException(code, code.defaultDetail(), problems);
        }
    }

    /**
     * The caller still manages members, as the organization stands when the command runs: the route checked it when
     * the request came, but a request already under way when its caller was removed or demoted committed after that
     * (an invitation granting Admin, by someone no longer a member). Checked again here, on the aggregate's own
     * state, the command meets what the route would answer now: 404 for someone no longer a member, 403 for a member
     * without the permission. Platform admins and the service's own policies pass.
     */
    private void requireMemberManager(Actor actor) {
        if (actor.platformAdmin()) {
            return;
        }
        Membership membership = actor.email() == null ? null : membershipsByEmail.get(actor.email());
        if (membership == null || !membership.isAccepted()) {
            throw new MembershipException(ErrorCode.ORGANIZATION_NOT_FOUND);
        }
        boolean manages = membership.roleIds().stream().map(roles::get)
                .anyMatch(role -> role != null && role.permissions().contains(Permission.MEMBERS_WRITE));
        if (!manages) {
            throw new MembershipException(ErrorCode.FORBIDDEN);
        }
    }

    private void requireMayGrant(Actor actor, List<UUID> roleIds) {
        if (roleIds.contains(ownerRoleId)) {
            requireOwner(actor);
        }
    }

    private void requireOwner(Actor actor) {
        if (!isOwner(actor)) {
            throw new MembershipException(ErrorCode.OWNER_REQUIRED);
        }
    }

    private void requireAnotherOwner(Membership owner) {
        boolean another = membershipsByEmail.values().stream()
                .anyMatch(m -> m.isAccepted() && m.has(ownerRoleId) && !m.membershipId().equals(owner.membershipId()));
        if (!another) {
            throw new MembershipException(ErrorCode.LAST_OWNER);
        }
    }

    private boolean isOwner(Actor actor) {
        if (actor.platformAdmin()) {
            return true;
        }
        Membership membership = actor.email() == null ? null : membershipsByEmail.get(actor.email());
        return membership != null && membership.isAccepted() && membership.has(ownerRoleId);
    }

    private static String inviter(Actor actor) {
        return actor.email() != null ? actor.email() : actor.subject();
    }

    private static UUID roleWithKey(List<RoleDefinition> catalogue, BuiltInRole role) {
        return catalogue.stream().filter(r -> role.key().equals(r.key())).findFirst().orElseThrow().id();
    }

    Organization() {
        // required by Axon
    }
}
