package dev.membership.web.cloudflare.group;

import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.DeleteGroupCommand;
import dev.membership.api.group.FindGroupPageQuery;
import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.GroupPage;
import dev.membership.api.group.GroupSort;
import dev.membership.api.group.GroupView;
import dev.membership.api.group.UpdateGroupCommand;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.cloudflare.CloudflareIds;
import dev.membership.web.cloudflare.CloudflareModels;
import dev.membership.web.cloudflare.CloudflareModels.CloudflareEnvelope;
import dev.membership.web.cloudflare.CloudflarePaging;
import dev.membership.web.cloudflare.CloudflarePolicies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.membership.web.validation.PlainText;

/** Cloudflare account user groups: U1 list, U2 create, U3 get, U4 update, U5 delete. */
@RestController
@RequestMapping("/client/v4/accounts/{account_id}/iam/user_groups")
class CloudflareUserGroupsController {

    static final int MAX_NAME_LENGTH = 128;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    CloudflareUserGroupsController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** U1: groups by name, filtered by {@code id}, exact {@code name} or {@code fuzzyName}. */
    @Operation(operationId = "account-user-group-list")
    @GetMapping
    CloudflareEnvelope<List<UserGroup>> list(@PathVariable("account_id") String accountId,
            @RequestParam(required = false) String id,
            @RequestParam(required = false) @Size(max = MAX_NAME_LENGTH) String name,
            @RequestParam(required = false) @Size(max = MAX_NAME_LENGTH) String fuzzyName,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "100") @Min(1) @Max(500) int perPage,
            @RequestParam(defaultValue = "asc") @Pattern(regexp = CloudflarePaging.DIRECTION) String direction,
            Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_READ);
        if (id != null) {
            UUID groupId = CloudflareIds.parse(id, "id");
            String fuzzy = blankToNull(fuzzyName);
            List<UserGroup> found = find(account, groupId).filter(g -> name == null || g.name().equals(name))
                    .filter(g -> fuzzy == null || g.name().toLowerCase(Locale.ROOT).contains(fuzzy.toLowerCase(Locale.ROOT)))
                    .map(CloudflareUserGroupsController::userGroup).stream().toList();
            List<UserGroup> pageItems = page == 1 ? found : List.of();
            return CloudflareEnvelope.page(pageItems, CloudflarePaging.info(page, perPage, pageItems.size(), found.size()));
        }
        GroupPage groups = queries.query(new FindGroupPageQuery(account, name, blankToNull(fuzzyName), null, false,
                GroupSort.NAME, "desc".equals(direction), CloudflarePaging.offset(page, perPage), perPage), GroupPage.class).join();
        List<UserGroup> items = groups.items().stream().map(CloudflareUserGroupsController::userGroup).toList();
        return CloudflareEnvelope.page(items, CloudflarePaging.info(page, perPage, items.size(), groups.total()));
    }

    /** U2: creates a group; access policies are not managed by this service, so only an empty list is accepted. */
    @Operation(operationId = "account-user-group-create")
    @PostMapping
    CloudflareEnvelope<UserGroup> create(@PathVariable("account_id") String accountId, @Valid @RequestBody CreateUserGroupBody body, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_WRITE);
        CloudflarePolicies.requireNone(body.policies(), "user groups");
        UUID groupId = UUID.randomUUID();
        commands.sendAndWait(new CreateGroupCommand(groupId, account, body.name().strip(), "", actor));
        return CloudflareEnvelope.of(userGroup(read(account, groupId)));
    }

    /** U3: one group, with its (empty) policies and its member count. */
    @Operation(operationId = "account-user-group-details")
    @GetMapping("/{user_group_id}")
    CloudflareEnvelope<UserGroup> get(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_READ);
        return CloudflareEnvelope.of(userGroup(read(account, CloudflareIds.parse(groupId, "user_group_id"))));
    }

    /** U4: renames the group; a missing {@code name} keeps it. */
    @Operation(operationId = "account-user-group-update")
    @PutMapping("/{user_group_id}")
    CloudflareEnvelope<UserGroup> update(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId,
            @Valid @RequestBody UpdateUserGroupBody body, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_WRITE);
        UUID group = CloudflareIds.parse(groupId, "user_group_id");
        CloudflarePolicies.requireNone(body.policies(), "user groups");
        commands.sendAndWait(new UpdateGroupCommand(group, account, body.name() == null ? null : body.name().strip(), null, actor));
        return CloudflareEnvelope.of(userGroup(read(account, group)));
    }

    /** U5: deletes the group; answers its id. */
    @Operation(operationId = "account-user-group-delete")
    @DeleteMapping("/{user_group_id}")
    CloudflareEnvelope<DeletedUserGroup> delete(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_WRITE);
        UUID group = CloudflareIds.parse(groupId, "user_group_id");
        commands.sendAndWait(new DeleteGroupCommand(group, account, actor));
        return CloudflareEnvelope.of(new DeletedUserGroup(CloudflareIds.hex(group)));
    }

    /** The group without its members, which no answer of these routes lists. */
    private Optional<GroupView> find(UUID account, UUID groupId) {
        return queries.query(new FindGroupQuery(account, groupId, false), ResponseTypes.optionalInstanceOf(GroupView.class)).join();
    }

    private GroupView read(UUID account, UUID groupId) {
        return find(account, groupId).orElseThrow(() -> new MembershipException(ErrorCode.GROUP_NOT_FOUND));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static UserGroup userGroup(GroupView group) {
        return new UserGroup(CloudflareIds.hex(group.id()), group.name(), CloudflareModels.timestamp(group.createdAt()),
                CloudflareModels.timestamp(group.modifiedAt()), List.of());
    }

    record UserGroup(String id, String name, @com.fasterxml.jackson.annotation.JsonProperty("created_on") String createdOn,
            @com.fasterxml.jackson.annotation.JsonProperty("modified_on") String modifiedOn, List<Object> policies) {
    }

    record DeletedUserGroup(String id) {
    }

    record CreateUserGroupBody(@NotBlank @PlainText @Size(max = MAX_NAME_LENGTH) String name, List<Object> policies) {
    }

    record UpdateUserGroupBody(@Size(min = 1, max = MAX_NAME_LENGTH) @Pattern(regexp = ".*\\S.*") @PlainText String name,
            List<Object> policies) {
    }
}
