package dev.membership.web.cloudflare.membership;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.membership.FindMembershipQuery;
import dev.membership.api.membership.FindMembershipsQuery;
import dev.membership.api.membership.InvitationMode;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.InviteUsersResult;
import dev.membership.api.membership.Invitee;
import dev.membership.api.membership.MembershipPage;
import dev.membership.api.membership.MembershipSort;
import dev.membership.api.membership.MembershipView;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.Emails;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.cloudflare.CloudflareIds;
import dev.membership.web.cloudflare.CloudflareModels.CloudflareEnvelope;
import dev.membership.web.cloudflare.CloudflarePaging;
import dev.membership.web.cloudflare.CloudflarePolicies;
import dev.membership.web.validation.PlainText;
import dev.membership.web.validation.StorableEmail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hibernate.validator.constraints.UniqueElements;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cloudflare account members: the memberships, pending and accepted, whose ids user groups take. */
@RestController
class CloudflareAccountMembersController {

    /** As many roles as Evo's E2 gives one person. */
    static final int MAX_ROLES = 10;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    CloudflareAccountMembersController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** The account's members and pending invitations, by email or status; their ids are what the group routes take. */
    @Operation(operationId = "account-members-list-members")
    @GetMapping("/client/v4/accounts/{account_id}/members")
    CloudflareEnvelope<List<AccountMember>> list(@PathVariable("account_id") String accountId,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "20") @Min(5) @Max(50) int perPage,
            @RequestParam(required = false) @Pattern(regexp = "user\\.first_name|user\\.last_name|user\\.email|status") String order,
            @RequestParam(defaultValue = "asc") @Pattern(regexp = CloudflarePaging.DIRECTION) String direction,
            @RequestParam(required = false) @Pattern(regexp = "accepted|pending|rejected") String status,
            Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.MEMBERS_READ);
        if ("rejected".equals(status)) {
            return CloudflareEnvelope.page(List.<AccountMember>of(), CloudflarePaging.info(page, perPage, 0, 0));
        }
        MembershipSort sort = order == null ? MembershipSort.EMAIL : switch (order) {
            case "status" -> MembershipSort.STATUS;
            case "user.email" -> MembershipSort.EMAIL;
            case "user.last_name" -> MembershipSort.LAST_NAME;
            default -> MembershipSort.FULL_NAME;
        };
        MembershipPage members = queries.query(new FindMembershipsQuery(account, status, sort, "desc".equals(direction),
                CloudflarePaging.offset(page, perPage), perPage), MembershipPage.class).join();
        List<AccountMember> items = members.items().stream().map(CloudflareAccountMembersController::member).toList();
        return CloudflareEnvelope.page(items, CloudflarePaging.info(page, perPage, items.size(), members.total()));
    }

    /**
     * Adds a member with the given roles: an invitation to accept ({@code status} {@code pending}, the default); with
     * {@code accepted}, a member at once when the service already knows the person, as Evo's E2 adds them, and an
     * invitation otherwise. Someone with a membership already is refused (409). Access policies are not managed here.
     */
    @Operation(operationId = "account-members-add-member")
    @PostMapping("/client/v4/accounts/{account_id}/members")
    CloudflareEnvelope<AccountMember> add(@PathVariable("account_id") String accountId, @Valid @RequestBody AddMemberBody body, Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.MEMBERS_WRITE);
        CloudflarePolicies.requireNone(body.policies(), "account members");
        List<UUID> roles = new ArrayList<>();
        for (int i = 0; i < body.roles().size(); i++) {
            UUID role = CloudflareIds.parse(body.roles().get(i), "roles[" + i + "]");
            if (roles.contains(role)) { // the same id written twice another way (with hyphens, in capitals)
                throw new MembershipException(ErrorCode.INVALID_REQUEST, "The request body is not valid.",
                        List.of(new InvalidParam("roles[" + i + "]", "Names a role listed before it")));
            }
            roles.add(role);
        }
        String email = Emails.normalize(body.email());
        InvitationMode mode = "accepted".equals(body.status()) ? InvitationMode.ADD_KNOWN_PEOPLE : InvitationMode.INVITE_EVERYONE;
        InviteUsersResult result;
        try {
            result = commands.sendAndWait(new InviteUsersCommand(account, List.of(new Invitee(email, roles)), mode, actor));
        } catch (MembershipException e) {
            // the command names its one invitee's fields as the first of a list of users
            throw new MembershipException(e.code(), e.getMessage(), e.invalidParams().stream()
                    .map(param -> new InvalidParam(param.name().replaceFirst("^users\\[0]\\.", ""), param.reason()))
                    .toList());
        }
        UUID existing = result.alreadyThere().get(email);
        if (existing != null) {
            boolean accepted = membership(account, existing).map(MembershipView::isAccepted).orElse(false);
            throw new MembershipException(accepted ? ErrorCode.ALREADY_MEMBER : ErrorCode.ALREADY_INVITED,
                    (accepted ? "Already a member: " : "Already invited: ") + email);
        }
        UUID added = result.members().isEmpty()
                ? result.invitations().get(0).invitationId()
                : result.members().get(0).membershipId();
        return CloudflareEnvelope.of(member(membership(account, added).orElseThrow(() -> new MembershipException(ErrorCode.USER_NOT_FOUND))));
    }

    private Optional<MembershipView> membership(UUID account, UUID membershipId) {
        return queries.query(new FindMembershipQuery(account, membershipId), ResponseTypes.optionalInstanceOf(MembershipView.class))
                .join();
    }

    private static AccountMember member(MembershipView membership) {
        String[] names = CloudflareIds.names(membership.fullName());
        return new AccountMember(CloudflareIds.hex(membership.membershipId()), membership.email(), membership.status(),
                new User(CloudflareIds.hex(membership.userId()), membership.email(), names[0], names[1],
                        false),
                membership.roles().stream()
                        .map(role -> new Role(CloudflareIds.hex(role.id()), role.name(), role.description(),
                                Map.of()))
                        .toList(),
                List.of());
    }

    record AddMemberBody(@NotBlank @Email @PlainText @StorableEmail String email,
            @NotNull @Size(min = 1, max = MAX_ROLES) @UniqueElements List<@NotNull String> roles, List<Object> policies,
            @Pattern(regexp = "accepted|pending") String status) {
    }

    record AccountMember(String id, String email, String status, User user, List<Role> roles, List<Object> policies) {
    }

    @Schema(name = "CloudflareAccountMemberUser")
    record User(String id, String email, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("two_factor_authentication_enabled") boolean twoFactorAuthenticationEnabled) {
    }

    @Schema(name = "CloudflareAccountMemberRole")
    record Role(String id, String name, String description, Map<String, Object> permissions) {
    }
}
