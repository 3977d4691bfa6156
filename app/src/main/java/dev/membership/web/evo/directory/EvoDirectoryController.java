package dev.membership.web.evo.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.membership.api.directory.DirectoryGroupList;
import dev.membership.api.directory.DirectoryGroupView;
import dev.membership.api.directory.DirectoryPeople;
import dev.membership.api.directory.DirectoryPerson;
import dev.membership.api.directory.FindDirectoryGroupQuery;
import dev.membership.api.directory.FindDirectoryGroupsQuery;
import dev.membership.api.directory.FindDirectoryPeopleQuery;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.evo.EvoModels;
import dev.membership.web.evo.EvoPreview;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Evo IMS reads: I1 directory groups, I2 a directory group's people, I3 people by email. */
@RestController
@RequestMapping("/workspace/orgs/{org_id}/ims")
class EvoDirectoryController {

    static final String ILIKE = "ilike:";

    private final QueryGateway queries;
    private final OrganizationAccess access;

    EvoDirectoryController(QueryGateway queries, OrganizationAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** I1: a bare JSON array of every directory group. */
    @Operation(operationId = "list_ims_groups")
    @GetMapping("/groups")
    List<ImsGroup> groups(@PathVariable("org_id") UUID orgId,
            @RequestHeader(value = EvoPreview.HEADER, required = false) String apiPreview,
            @RequestHeader(value = EvoPreview.LEGACY_HEADER, required = false) String previewApi,
            Actor actor) {
        EvoPreview.check(apiPreview, previewApi);
        access.require(orgId, actor, Permission.GROUPS_READ);
        return queries.query(new FindDirectoryGroupsQuery(), DirectoryGroupList.class).join().groups().stream()
                .map(group -> new ImsGroup(group.id(), group.federated(), group.name()))
                .toList();
    }

    /** I2: the people of one directory group. */
    @Operation(operationId = "list_ims_group_members")
    @GetMapping("/groups/{group_id}/members")
    ListUsersResponse members(@PathVariable("org_id") UUID orgId, @PathVariable("group_id") @Size(max = 128) String groupId,
            @RequestHeader(value = EvoPreview.HEADER, required = false) String apiPreview,
            @RequestHeader(value = EvoPreview.LEGACY_HEADER, required = false) String previewApi,
            Actor actor) {
        EvoPreview.check(apiPreview, previewApi);
        access.require(orgId, actor, Permission.GROUPS_READ);
        DirectoryGroupView group = queries.query(new FindDirectoryGroupQuery(groupId),
                        ResponseTypes.optionalInstanceOf(DirectoryGroupView.class)).join()
                .orElseThrow(() -> new MembershipException(ErrorCode.NOT_FOUND, groupId.matches("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}")
                        ? "No directory group " + groupId + "." : "No such directory group."));
        return users(group.members());
    }

    /** I3: people whose email matches: {@code ilike:<pattern>} with {@code *} wildcards, or an exact address. */
    @Operation(operationId = "get_ims_users")
    @GetMapping("/users")
    ListUsersResponse users(@PathVariable("org_id") UUID orgId,
            @RequestParam @Size(min = 9, max = 260) String email,
            @RequestHeader(value = EvoPreview.HEADER, required = false) String apiPreview,
            @RequestHeader(value = EvoPreview.LEGACY_HEADER, required = false) String previewApi,
            Actor actor) {
        EvoPreview.check(apiPreview, previewApi);
        access.require(orgId, actor, Permission.GROUPS_READ);
        boolean wildcard = email.regionMatches(true, 0, ILIKE, 0, ILIKE.length());
        String pattern = wildcard ? email.substring(ILIKE.length()) : email;
        if (wildcard && pattern.strip().startsWith("*")) {
            // a search by the start of an address: a pattern of wildcards alone would list the whole directory
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "An ilike: pattern starts with the address's first characters.",
                    List.of(new InvalidParam("email", "Must start with at least one character that is not *")));
        }
        return users(queries.query(new FindDirectoryPeopleQuery(pattern.strip(), wildcard), DirectoryPeople.class).join().people());
    }

    private static ListUsersResponse users(List<DirectoryPerson> people) {
        return new ListUsersResponse(people.stream()
                .map(person -> new UserFullNameAndEmail(person.email(), EvoModels.fullName(person.fullName(), person.email())))
                .toList());
    }

    record ImsGroup(String id, @JsonProperty("is_federated_group") boolean federated, String name) {
    }

    record UserFullNameAndEmail(String email, @JsonProperty("full_name") String fullName) {
    }

    record ListUsersResponse(List<UserFullNameAndEmail> users) {
    }
}
