package dev.membership.web.evo.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.group.DirectoryLinkResult;
import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.FindGroupsQuery;
import dev.membership.api.group.GroupList;
import dev.membership.api.group.GroupMemberView;
import dev.membership.api.group.GroupView;
import dev.membership.api.group.LinkDirectoryGroupsCommand;
import dev.membership.api.invitation.FindPendingInvitationsQuery;
import dev.membership.api.invitation.InvitationView;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.evo.EvoModels;
import dev.membership.web.evo.EvoModels.Invitation;
import dev.membership.web.evo.EvoModels.Role;
import dev.membership.web.evo.EvoModels.User;
import dev.membership.web.evo.EvoPreview;
import dev.membership.web.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.hibernate.validator.constraints.UniqueElements;

/** Evo instance groups: G1 list and G2 link to directory (IMS) groups. */
@RestController
@RequestMapping("/workspace/orgs/{org_id}/members/groups")
class EvoGroupsController {

    static final int MAX_LINKS = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    EvoGroupsController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** G1: every group with its IMS links and its accepted members; groups carry no RBAC roles here. */
    @Operation(operationId = "list_instance_groups")
    @GetMapping
    ListInstanceGroupResponse list(@PathVariable("org_id") UUID orgId,
            @RequestHeader(value = EvoPreview.HEADER, required = false) String apiPreview,
            @RequestHeader(value = EvoPreview.LEGACY_HEADER, required = false) String previewApi,
            Actor actor) {
        EvoPreview.check(apiPreview, previewApi);
        access.require(orgId, actor, Permission.GROUPS_READ);
        GroupList groups = queries.query(new FindGroupsQuery(orgId), GroupList.class).join();
        return new ListInstanceGroupResponse(groups.groups().stream()
                .map(group -> new InstanceGroup(group.id(), group.name(), group.description(), group.directoryGroupIds(),
                        group.members().stream().filter(GroupMemberView::isAccepted).map(EvoGroupsController::user).toList(),
                        List.of()))
                .toList());
    }

    /**
     * G2: replaces the group's IMS links. People of the linked groups who are members come back as
     * {@code members}; the others get a pending invitation, listed as {@code invitations}.
     */
    @Operation(operationId = "update_instance_group_members")
    @PatchMapping("/{group_id}")
    UpdateInstanceGroupMembersResponse link(@PathVariable("org_id") UUID orgId, @PathVariable("group_id") UUID groupId,
            @RequestHeader(value = EvoPreview.HEADER, required = false) String apiPreview,
            @RequestHeader(value = EvoPreview.LEGACY_HEADER, required = false) String previewApi,
            @Valid @RequestBody UpdateInstanceGroupMembersRequest request, Actor actor) {
        EvoPreview.check(apiPreview, previewApi);
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        DirectoryLinkResult result = commands.sendAndWait(
                new LinkDirectoryGroupsCommand(groupId, orgId, request.imsGroups(), actor));
        GroupView group = queries.query(new FindGroupQuery(orgId, groupId), ResponseTypes.optionalInstanceOf(GroupView.class))
                .join().orElseThrow(() -> new MembershipException(ErrorCode.GROUP_NOT_FOUND));
        Map<UUID, GroupMemberView> members = group.members().stream()
                .collect(Collectors.toMap(GroupMemberView::membershipId, Function.identity()));
        List<GroupMemberView> linked = result.membershipIds().stream().map(members::get).filter(Objects::nonNull).toList();
        Set<UUID> pendingIds = linked.stream().filter(member -> !member.isAccepted())
                .map(GroupMemberView::membershipId).collect(Collectors.toSet());
        Map<UUID, InvitationView> pending = queries.query(new FindPendingInvitationsQuery(orgId, pendingIds),
                        ResponseTypes.multipleInstancesOf(InvitationView.class)).join().stream()
                .collect(Collectors.toMap(InvitationView::invitationId, Function.identity()));
        List<User> accepted = new ArrayList<>();
        List<Invitation> invitations = new ArrayList<>();
        for (GroupMemberView member : linked) {
            if (member.isAccepted()) {
                accepted.add(user(member));
            } else if (pending.containsKey(member.membershipId())) {
                invitations.add(Invitation.of(pending.get(member.membershipId())));
            }
        }
        return new UpdateInstanceGroupMembersResponse(group.id(), group.name(), group.description(),
                group.directoryGroupIds(), invitations, accepted);
    }

    private static User user(GroupMemberView member) {
        return new User(member.userId(), member.email(), EvoModels.fullName(member.fullName(), member.email()));
    }

    record UpdateInstanceGroupMembersRequest(
            @JsonProperty("ims_groups") @NotNull @Size(max = MAX_LINKS) @UniqueElements List<@NotBlank @Size(max = 128) @PlainText String> imsGroups) {
    }

    record InstanceGroup(UUID id, String name, String description,
            @JsonProperty("ims_groups") List<String> imsGroups,
            List<User> members, List<Role> roles) {
    }

    record ListInstanceGroupResponse(List<InstanceGroup> groups) {
    }

    record UpdateInstanceGroupMembersResponse(UUID id, String name, String description,
            @JsonProperty("ims_groups") List<String> imsGroups,
            List<Invitation> invitations, List<User> members) {
    }
}
