package dev.membership.web.v1.temporal;

import dev.membership.api.role.Permission;
import dev.membership.api.role.FindRolesQuery;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.role.RoleDefinition;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.api.temporal.FindGroupMembersAsOfQuery;
import dev.membership.api.temporal.FindMembersAsOfQuery;
import dev.membership.api.temporal.MembersAsOf;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.validation.StorableTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members, their roles and group members as they were at {@code asOf} (default: now), read from temporal tables.
 * Past state is part of the audit history: Owners, Admins and Auditors read it.
 */
@RestController
@RequestMapping("/v1/organizations/{orgId}")
class AsOfController {

    /** How far ahead of this node's clock an instant may be and still be answered: clocks of clients differ. */
    static final Duration FUTURE_ALLOWANCE = Duration.ofMinutes(1);

    private final QueryGateway queries;
    private final OrganizationAccess access;

    AsOfController(QueryGateway queries, OrganizationAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** The organization's memberships, with their status and roles, as they were at {@code asOf} (now by default). */
    @Operation(operationId = "listMembersAsOf")
    @GetMapping("/members")
    Members members(@PathVariable UUID orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableTime Instant asOf, Actor actor) {
        access.require(orgId, actor, Permission.AUDIT_READ);
        Instant at = pastOrNow(asOf);
        MembersAsOf state = queries.query(new FindMembersAsOfQuery(orgId, at), MembersAsOf.class).join();
        RoleCatalogue roles = queries.query(new FindRolesQuery(orgId), RoleCatalogue.class).join();
        return new Members(at, state.members().stream().map(m -> {
            // names and ids in one order, the roles' rank, so that a client may pair them by place
            List<RoleDefinition> held = roles.resolve(m.roleIds());
            return new Member(m.membershipId(), m.userId(), m.email(), m.status(),
                    held.stream().map(RoleDefinition::name).toList(), held.stream().map(RoleDefinition::id).toList());
        }).toList());
    }

    /** The group's members as they were at {@code asOf} (now by default). */
    @Operation(operationId = "listGroupMembersAsOf")
    @GetMapping("/groups/{groupId}/members")
    Members groupMembers(@PathVariable UUID orgId, @PathVariable UUID groupId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @StorableTime Instant asOf, Actor actor) {
        access.require(orgId, actor, Permission.AUDIT_READ);
        Instant at = pastOrNow(asOf);
        MembersAsOf state = queries.query(new FindGroupMembersAsOfQuery(orgId, groupId, at),
                        ResponseTypes.optionalInstanceOf(MembersAsOf.class)).join()
                .orElseThrow(() -> new MembershipException(ErrorCode.GROUP_NOT_FOUND, "The group did not exist at " + at + "."));
        return new Members(at, state.members().stream()
                .map(m -> new Member(m.membershipId(), m.userId(), m.email(), m.status(), null, null)).toList());
    }

    /**
     * The instant asked for, or now. The future is not known yet (an invitation pending now may expire, or be
     * accepted, before it), so an instant more than a minute ahead of this node's clock is refused; within that
     * minute, a client's clock running ahead, it is answered as the present.
     */
    private static Instant pastOrNow(Instant asked) {
        // the database keeps microseconds: the instant answered, and named in the answer, is rounded down to them
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (asked == null) {
            return now;
        }
        Instant asOf = asked.truncatedTo(ChronoUnit.MICROS);
        if (asOf.isAfter(now.plus(FUTURE_ALLOWANCE))) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "asOf is in the future; the state is known up to now.",
                    List.of(new InvalidParam("asOf", "Must not be more than a minute later than now")));
        }
        return asOf.isAfter(now) ? now : asOf;
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "AsOfMember")
    record Member(UUID membershipId, UUID userId, String email, String status, List<String> roles, List<UUID> roleIds) {
    }

    record Members(Instant asOf, List<Member> members) {
    }
}
