package dev.membership.web.onlyoffice.group;

import dev.membership.api.group.AddGroupMembersCommand;
import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.DeleteGroupCommand;
import dev.membership.api.group.FindGroupPageQuery;
import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.GroupPage;
import dev.membership.api.group.GroupSort;
import dev.membership.api.group.GroupView;
import dev.membership.api.group.RemoveGroupMembersCommand;
import dev.membership.api.group.ReplaceGroupMembersCommand;
import dev.membership.api.group.SetGroupManagerCommand;
import dev.membership.api.group.UpdateGroupCommand;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.Identifiers;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.onlyoffice.OnlyofficeModels;
import dev.membership.web.onlyoffice.OnlyofficeModels.EmployeeFullDto;
import dev.membership.web.onlyoffice.OnlyofficeModels.DocSpaceEnvelope;
import dev.membership.web.onlyoffice.OnlyofficeModels.GroupDto;
import dev.membership.web.onlyoffice.OnlyofficePeople;
import dev.membership.web.onlyoffice.OnlyofficePeople.Person;
import dev.membership.web.onlyoffice.OnlyofficeResponses;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import dev.membership.web.validation.PlainText;
import dev.membership.web.validation.PlainTexts;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * DocSpace groups of one portal (an organization): D4 list, D5 create, D6 get, D7 update, D8 delete, D1 replace,
 * D2 add and D3 remove members, D9 set manager. A portal user id is a membership id.
 */
@RestController
@RequestMapping("/docspace/{orgId}/api/2.0/group")
class DocSpaceGroupsController {

    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_MEMBERS_PER_REQUEST = 10_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;
    private final OnlyofficePeople people;

    DocSpaceGroupsController(CommandGateway commands, QueryGateway queries, OrganizationAccess access,
            OnlyofficePeople people) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.people = people;
    }

    /** D4: groups without members, with {@code total}; sorted by title, manager or member count. */
    @Operation(operationId = "getGroups")
    @GetMapping
    DocSpaceEnvelope<List<GroupDto>> list(@PathVariable UUID orgId,
            @RequestParam(required = false) UUID userId,
            @RequestParam(defaultValue = "false") boolean manager,
            @RequestParam(defaultValue = "100") @Min(1) @Max(100) int count,
            @RequestParam(defaultValue = "0") @Min(0) int startIndex,
            @RequestParam(required = false) String sortBy,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1) int sortOrder,
            @RequestParam(required = false) @Size(max = 255) String filterValue,
            Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_READ);
        String filter = filterValue == null || filterValue.isBlank() ? null : filterValue.strip();
        GroupPage page = queries.query(new FindGroupPageQuery(orgId, null, filter, userId, manager && userId != null,
                sort(sortBy), sortOrder == 1, startIndex, count), GroupPage.class).join();
        List<GroupDto> groups = page.items().stream().map(group -> dto(orgId, group, false)).toList();
        return OnlyofficeResponses.page(request, groups, page.total());
    }

    /** D5: creates a group; the manager is also a member; unknown users refuse the whole request. */
    @Operation(operationId = "addGroup")
    @PostMapping
    DocSpaceEnvelope<GroupDto> create(@PathVariable UUID orgId, @Valid @RequestBody GroupRequest body, Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        UUID groupId = UUID.randomUUID();
        commands.sendAndWait(new CreateGroupCommand(groupId, orgId, body.groupName().strip(), "", manager(body.groupManager()),
                body.members() == null ? List.of() : body.members(), actor));
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, groupId, true), true));
    }

    /** D6: one group, with its members unless {@code includeMembers=false}. */
    @Operation(operationId = "getGroup")
    @GetMapping("/{id}")
    DocSpaceEnvelope<GroupDto> get(@PathVariable UUID orgId, @PathVariable UUID id,
            @RequestParam(defaultValue = "true") boolean includeMembers, Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_READ);
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, id, includeMembers), includeMembers));
    }

    /** D7: name (null keeps it), manager, members to add, then members to remove, all or nothing. */
    @Operation(operationId = "updateGroup")
    @PutMapping("/{id}")
    DocSpaceEnvelope<GroupDto> update(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody UpdateGroupRequest body,
            Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        String name = PlainTexts.optionalName(body.groupName());
        commands.sendAndWait(new UpdateGroupCommand(id, orgId, name, null, body.groupManager() != null,
                manager(body.groupManager()), body.membersToAdd(), body.membersToRemove(), actor));
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, id, true), true));
    }

    /** D8: deletes the group; 204 with no body, as DocSpace's server answers. */
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteGroup")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID id, Actor actor) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        commands.sendAndWait(new DeleteGroupCommand(id, orgId, actor));
        return ResponseEntity.noContent().build();
    }

    /** D1: replaces the members with those listed; an empty list clears the group (as DocSpace server 3.6 did). */
    @Operation(operationId = "setMembersTo")
    @PostMapping("/{id}/members")
    DocSpaceEnvelope<GroupDto> replaceMembers(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody MembersRequest body,
            Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        commands.sendAndWait(new ReplaceGroupMembersCommand(id, orgId, body.members(), actor));
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, id, true), true));
    }

    /** D2: adds members; those already in the group stay as they are. */
    @Operation(operationId = "addMembersTo")
    @PutMapping("/{id}/members")
    DocSpaceEnvelope<GroupDto> addMembers(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody MembersRequest body,
            Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        commands.sendAndWait(new AddGroupMembersCommand(id, orgId, body.members(), actor));
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, id, true), true));
    }

    /**
     * D3: removes members (the list travels in the DELETE body); ids not in the group are ignored, and a null list
     * removes no one, as on DocSpace's server.
     */
    @Operation(operationId = "removeMembersFrom")
    @DeleteMapping("/{id}/members")
    DocSpaceEnvelope<GroupDto> removeMembers(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody RemoveMembersRequest body,
            Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        List<UUID> members = body.members() == null ? List.of() : body.members();
        commands.sendAndWait(new RemoveGroupMembersCommand(id, orgId, members, actor));
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, id, true), true));
    }

    /**
     * D9: the user becomes the group's manager and a member. Unlike D5 and D7, D9 names a user, so
     * {@code Guid.Empty} is no user here, not a way to remove the manager; a user the portal does not have answers
     * 404 "User not found", as on DocSpace's server (where D5 and D7 answer 400 for the same id).
     */
    @Operation(operationId = "setGroupManager")
    @PutMapping("/{id}/manager")
    DocSpaceEnvelope<GroupDto> setManager(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody SetManagerRequest body,
            Actor actor, HttpServletRequest request) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        try {
            commands.sendAndWait(new SetGroupManagerCommand(id, orgId, body.userId(), actor));
        } catch (MembershipException e) {
            if (e.code() != ErrorCode.MEMBERSHIP_NOT_FOUND) {
                throw e;
            }
            throw new MembershipException(ErrorCode.USER_NOT_FOUND, "No user " + body.userId() + " in this portal.");
        }
        return OnlyofficeResponses.ok(request, dto(orgId, read(orgId, id, true), true));
    }

    /** The group, with its members only when the answer lists them. */
    private GroupView read(UUID orgId, UUID id, boolean withMembers) {
        return queries.query(new FindGroupQuery(orgId, id, withMembers), ResponseTypes.optionalInstanceOf(GroupView.class)).join()
                .orElseThrow(() -> new MembershipException(ErrorCode.GROUP_NOT_FOUND));
    }

    private GroupDto dto(UUID orgId, GroupView group, boolean includeMembers) {
        EmployeeFullDto manager = people.render(orgId, group.managerMembershipId()).orElse(null);
        List<EmployeeFullDto> members = includeMembers
                ? people.render(orgId, group.members().stream().map(Person::of).toList())
                : null;
        return new GroupDto(group.name(), Identifiers.NIL, Identifiers.NIL, group.id(), false, manager,
                members, group.memberCount());
    }

    /** {@code Guid.Empty} means no manager. */
    private static UUID manager(UUID id) {
        return id == null || Identifiers.NIL.equals(id) ? null : id;
    }

    private static GroupSort sort(String sortBy) {
        if (sortBy == null) {
            return GroupSort.NAME;
        }
        return switch (sortBy.strip().toLowerCase(Locale.ROOT)) {
            case "manager" -> GroupSort.MANAGER;
            case "memberscount" -> GroupSort.MEMBERS_COUNT;
            default -> GroupSort.NAME;
        };
    }

    record GroupRequest(
            @NotBlank @PlainText @Size(max = MAX_NAME_LENGTH) String groupName,
            UUID groupManager,
            @Size(max = MAX_MEMBERS_PER_REQUEST) @UniqueElements List<@NotNull UUID> members) {
    }

    record UpdateGroupRequest(
            @PlainText @Size(max = MAX_NAME_LENGTH) String groupName,
            UUID groupManager,
            @Size(max = MAX_MEMBERS_PER_REQUEST) @UniqueElements List<@NotNull UUID> membersToAdd,
            @Size(max = MAX_MEMBERS_PER_REQUEST) @UniqueElements List<@NotNull UUID> membersToRemove) {
    }

    record MembersRequest(@NotNull @Size(max = MAX_MEMBERS_PER_REQUEST) @UniqueElements List<@NotNull UUID> members) {
    }

    /** D3's body: its list may be null. */
    record RemoveMembersRequest(@Size(max = MAX_MEMBERS_PER_REQUEST) @UniqueElements List<@NotNull UUID> members) {
    }

    record SetManagerRequest(@NotNull UUID userId) {
    }
}
