package dev.membership.web.cloudflare.membership;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.membership.FindMembershipsQuery;
import dev.membership.api.membership.MembershipPage;
import dev.membership.api.membership.MembershipSort;
import dev.membership.api.membership.MembershipView;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.cloudflare.CloudflareIds;
import dev.membership.web.cloudflare.CloudflareModels.Envelope;
import dev.membership.web.cloudflare.CloudflarePaging;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cloudflare account members: the memberships, pending and accepted, whose ids user groups take. */
@RestController
class CloudflareAccountMembersController {

    private final QueryGateway queries;
    private final OrganizationAccess access;

    CloudflareAccountMembersController(QueryGateway queries, OrganizationAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** The account's members and pending invitations, by email or status; their ids are what the group routes take. */
    @Operation(operationId = "account-members-list-members")
    @GetMapping("/client/v4/accounts/{account_id}/members")
    Envelope list(@PathVariable("account_id") String accountId,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "20") @Min(5) @Max(50) int perPage,
            @RequestParam(required = false) @Pattern(regexp = "user\\.first_name|user\\.last_name|user\\.email|status") String order,
            @RequestParam(defaultValue = "asc") @Pattern(regexp = CloudflarePaging.DIRECTION) String direction,
            @RequestParam(required = false) @Pattern(regexp = "accepted|pending|rejected") String status,
            Actor actor) {
        UUID account = CloudflareIds.parse(accountId, "account_id");
        access.require(account, actor, Permission.MEMBERS_READ);
        if ("rejected".equals(status)) {
            return Envelope.page(List.of(), CloudflarePaging.info(page, perPage, 0, 0));
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
        return Envelope.page(items, CloudflarePaging.info(page, perPage, items.size(), members.total()));
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

    record AccountMember(String id, String email, String status, User user, List<Role> roles, List<Object> policies) {
    }

    record User(String id, String email, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("two_factor_authentication_enabled") boolean twoFactorAuthenticationEnabled) {
    }

    record Role(String id, String name, String description, Map<String, Object> permissions) {
    }
}
