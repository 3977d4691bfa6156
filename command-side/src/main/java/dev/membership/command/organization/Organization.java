package dev.membership.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.InviteUsersResult;
import dev.membership.api.membership.Invitee;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.organization.CreateOrganizationCommand;
import dev.membership.api.organization.OrganizationCreatedEvent;
import dev.membership.api.role.BuiltInRole;
import dev.membership.api.role.RoleDefinition;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
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
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organization: its role catalogue and its memberships, from invitation to acceptance. It holds every
 * per-organization invariant: one membership per email, role ids from the catalogue, at least one Owner, and
 * only an Owner grants Owner.
 */
@Aggregate(snapshotTriggerDefinition = "organizationSnapshotTrigger", cache = "organizationCache")
class Organization {

    @AggregateIdentifier
    private UUID organizationId;
    private Map<UUID, RoleDefinition> roles;
    private UUID ownerRoleId;
    private Map<String, Membership> membershipsByEmail;

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
        requireValid(command.invitees());
        requireMayGrant(command.actor(), command.invitees().stream().flatMap(i -> i.roleIds().stream()).toList());
        for (Invitee invitee : command.invitees()) {
            Membership existing = membershipsByEmail.get(invitee.email());
            if (existing != null) {
                throw new MembershipException(
                        existing.isAccepted() ? ErrorCode.ALREADY_MEMBER : ErrorCode.ALREADY_INVITED,
                        (existing.isAccepted() ? "Already a member: " : "Already invited: ") + invitee.email());
            }
        }

        Instant now = policy.now();
        List<MemberAddedEvent> members = new ArrayList<>();
        List<UserInvitedEvent> invitations = new ArrayList<>();
        for (Invitee invitee : command.invitees()) {
            Person person = people.resolve(invitee.email());
            if (person.known()) {
                MemberAddedEvent added = new MemberAddedEvent(organizationId, UUID.randomUUID(), person.userId(),
                        person.email(), person.fullName(), invitee.roleIds(), now);
                apply(added);
                members.add(added);
            } else {
                UserInvitedEvent invited = new UserInvitedEvent(organizationId, UUID.randomUUID(), person.userId(),
                        person.email(), invitee.roleIds(), command.actor().email(), now, policy.expiryFrom(now));
                apply(invited);
                invitations.add(invited);
            }
        }
        return new InviteUsersResult(members, invitations);
    }

    @EventSourcingHandler
    void on(OrganizationCreatedEvent event) {
        organizationId = event.organizationId();
        roles = new LinkedHashMap<>();
        event.roles().forEach(role -> roles.put(role.id(), role));
        ownerRoleId = event.roles().stream()
                .filter(role -> BuiltInRole.OWNER.key().equals(role.key()))
                .findFirst().orElseThrow().id();
        membershipsByEmail = new HashMap<>();
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        membershipsByEmail.put(event.email(), new Membership(event.membershipId(), event.userId(), event.email(),
                Membership.Status.ACCEPTED, event.roleIds()));
    }

    @EventSourcingHandler
    void on(UserInvitedEvent event) {
        membershipsByEmail.put(event.email(), new Membership(event.invitationId(), event.userId(), event.email(),
                Membership.Status.PENDING, event.roleIds()));
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

    private void requireMayGrant(Actor actor, List<UUID> roleIds) {
        if (roleIds.contains(ownerRoleId) && !isOwner(actor)) {
            throw new MembershipException(ErrorCode.OWNER_REQUIRED);
        }
    }

    private boolean isOwner(Actor actor) {
        if (actor.platformAdmin()) {
            return true;
        }
        Membership membership = actor.email() == null ? null : membershipsByEmail.get(actor.email());
        return membership != null && membership.isAccepted() && membership.has(ownerRoleId);
    }

    Organization() {
        // required by Axon
    }
}
