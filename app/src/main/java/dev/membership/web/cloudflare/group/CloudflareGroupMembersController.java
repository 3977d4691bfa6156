package dev.membership.web.cloudflare.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.group.AddGroupMembersCommand;
import dev.membership.api.group.FindGroupMembersQuery;
import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.GroupMemberPage;
import dev.membership.api.group.GroupMemberView;
import dev.membership.api.group.GroupView;
import dev.membership.api.group.RemoveGroupMembersCommand;
import dev.membership.api.group.ReplaceGroupMembersCommand;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.cloudflare.CloudflareIds;
import dev.membership.web.cloudflare.CloudflareModels;
import dev.membership.web.cloudflare.CloudflareModels.CloudflareEnvelope;
import dev.membership.web.cloudflare.CloudflarePaging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

/**
 * Members of a Cloudflare user group: C1 list, C2 get, C3 add, C4 replace, C5 remove. A member id is an account
 * member (membership) id; pending invitations are members with status {@code pending}.
 */
@RestController
@RequestMapping("/client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members")
class CloudflareGroupMembersController {

    static final int MAX_MEMBERS_PER_REQUEST = 10_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    CloudflareGroupMembersController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** C1: members by email; pages past the end are empty. */
    @Operation(operationId = "account-user-group-member-list")
    @GetMapping
    CloudflareEnvelope<List<Member>> list(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "100") @Min(1) @Max(500) int perPage,
            @RequestParam(required = false) @Size(max = 90) String fuzzyEmail,
            @RequestParam(defaultValue = "asc") @Pattern(regexp = CloudflarePaging.DIRECTION) String direction,
            Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_READ);
        UUID group = existingGroup(account, CloudflareIds.parse(groupId, "user_group_id"));
        GroupMemberPage members = queries.query(new FindGroupMembersQuery(account, group,
                fuzzyEmail == null || fuzzyEmail.isBlank() ? null : fuzzyEmail.strip(), null, "desc".equals(direction),
                CloudflarePaging.offset(page, perPage), perPage), GroupMemberPage.class).join();
        List<Member> items = members.items().stream().map(CloudflareGroupMembersController::member).toList();
        return CloudflareEnvelope.page(items, CloudflarePaging.info(page, perPage, items.size(), members.total()));
    }

    /** C2: one member in detail, with when it joined the group and its user. */
    @Operation(operationId = "account-user-group-member-get")
    @GetMapping("/{member_id}")
    CloudflareEnvelope<DetailedMember> get(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId,
            @PathVariable("member_id") String memberId, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_READ);
        GroupMemberView member = memberOf(account, existingGroup(account, CloudflareIds.parse(groupId, "user_group_id")),
                CloudflareIds.parse(memberId, "member_id"));
        String[] names = CloudflareIds.names(member.fullName());
        return CloudflareEnvelope.of(new DetailedMember(CloudflareIds.hex(member.membershipId()),
                CloudflareModels.timestamp(member.addedAt()), member.email(), member.status(),
                new User(CloudflareIds.hex(member.userId()), member.email(), names[0], names[1])));
    }

    /** C3: adds members; members already in the group are fine. Answers the listed members. */
    @Operation(operationId = "account-user-group-member-create")
    @PostMapping
    CloudflareEnvelope<List<Member>> add(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId,
            @RequestBody List<MemberRef> body, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_WRITE);
        UUID group = CloudflareIds.parse(groupId, "user_group_id");
        List<UUID> ids = ids(body);
        send(() -> commands.sendAndWait(new AddGroupMembersCommand(group, account, ids, actor)));
        // the listed members alone, in email order, however large the group
        List<Member> listed = ids.isEmpty() ? List.of() : queries.query(new FindGroupMembersQuery(account, group, null, ids,
                false, 0, ids.size()), GroupMemberPage.class).join().items().stream()
                .map(CloudflareGroupMembersController::member).toList();
        return CloudflareEnvelope.of(listed);
    }

    /** C4: replaces the whole member set; {@code []} clears the group. Answers the new set. */
    @Operation(operationId = "account-user-group-members-update")
    @PutMapping
    CloudflareEnvelope<List<Member>> replace(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId,
            @RequestBody List<MemberRef> body, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_WRITE);
        UUID group = CloudflareIds.parse(groupId, "user_group_id");
        List<UUID> ids = ids(body);
        send(() -> commands.sendAndWait(new ReplaceGroupMembersCommand(group, account, ids, actor)));
        return CloudflareEnvelope.of(all(account, group).stream().map(CloudflareGroupMembersController::member).toList());
    }

    /** C5: removes one member; answers it. A member not in the group is not found. */
    @Operation(operationId = "account-user-group-member-delete")
    @DeleteMapping("/{member_id}")
    CloudflareEnvelope<Member> remove(@PathVariable("account_id") String accountId, @PathVariable("user_group_id") String groupId,
            @PathVariable("member_id") String memberId, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.GROUPS_WRITE);
        UUID group = existingGroup(account, CloudflareIds.parse(groupId, "user_group_id"));
        GroupMemberView member = memberOf(account, group, CloudflareIds.parse(memberId, "member_id"));
        // the group checks the member is still in it: of removals at once, one answers the member, the others 404
        commands.sendAndWait(new RemoveGroupMembersCommand(group, account, List.of(member.membershipId()), true, actor));
        return CloudflareEnvelope.of(member(member));
    }

    private UUID existingGroup(UUID account, UUID groupId) {
        // an existence check: the group's members are not loaded
        queries.query(new FindGroupQuery(account, groupId, false), ResponseTypes.optionalInstanceOf(GroupView.class)).join()
                .orElseThrow(() -> new MembershipException(ErrorCode.GROUP_NOT_FOUND));
        return groupId;
    }

    private GroupMemberView memberOf(UUID account, UUID group, UUID membershipId) {
        return queries.query(new FindGroupMembersQuery(account, group, null, List.of(membershipId), false, 0, 1), GroupMemberPage.class)
                .join().items().stream().findFirst()
                .orElseThrow(() -> new MembershipException(ErrorCode.USER_NOT_FOUND,
                        "The member is not in this user group."));
    }

    private List<GroupMemberView> all(UUID account, UUID group) {
        return queries.query(new FindGroupMembersQuery(account, group, null, null, false, 0, MAX_MEMBERS_PER_REQUEST * 10),
                GroupMemberPage.class).join().items();
    }

    /** The bare-array body: {@code [{"id": "<member id>"}]}; each id must be well formed, and listed once. */
    private static List<UUID> ids(List<MemberRef> body) {
        if (body == null) {
            throw new MembershipException(ErrorCode.MALFORMED_REQUEST, "A JSON array of members is required.",
                    List.of(new InvalidParam("body", "Field required")));
        }
        if (body.size() > MAX_MEMBERS_PER_REQUEST) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "At most " + MAX_MEMBERS_PER_REQUEST + " members per request.",
                    List.of(new InvalidParam("body", "Too many members")));
        }
        List<UUID> ids = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        List<InvalidParam> problems = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            MemberRef ref = body.get(i);
            if (ref == null || ref.id() == null) {
                problems.add(new InvalidParam("[" + i + "].id", "Field required"));
                continue;
            }
            try {
                UUID id = CloudflareIds.parse(ref.id(), "[" + i + "].id");
                if (!seen.add(id)) {
                    problems.add(new InvalidParam("[" + i + "].id", "Listed twice"));
                }
                ids.add(id);
            } catch (MembershipException e) {
                problems.add(new InvalidParam("[" + i + "].id", "Must be 32 hexadecimal digits"));
            }
        }
        if (!problems.isEmpty()) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "Invalid member identifiers.", problems);
        }
        return ids;
    }

    /** Runs a command, naming rejected members the way this dialect's bare-array body does. */
    private static void send(Runnable command) {
        try {
            command.run();
        } catch (MembershipException e) {
            if (e.code() != ErrorCode.MEMBERSHIP_NOT_FOUND) {
                throw e;
            }
            throw new MembershipException(e.code(), "Not an account member: " + e.invalidParams().stream()
                    .map(InvalidParam::reason).toList(), e.invalidParams().stream()
                    .map(p -> new InvalidParam(p.name().replace("members", "") + ".id", p.reason())).toList());
        }
    }

    static Member member(GroupMemberView member) {
        return new Member(CloudflareIds.hex(member.membershipId()), member.email(), member.status());
    }

    record MemberRef(String id) {
    }

    @Schema(name = "CloudflareGroupMember")
    record Member(String id, String email, String status) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "CloudflareGroupMemberUser")
    record User(String id, String email, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName) {
    }

    record DetailedMember(String id, @JsonProperty("created_at") String createdAt, String email, String status, User user) {
    }
}
