package dev.membership.web.v1.directory;

import dev.membership.api.directory.DirectoryGroupView;
import dev.membership.api.directory.DirectoryPerson;
import dev.membership.api.directory.FindDirectoryGroupQuery;
import dev.membership.api.directory.ProvisionDirectoryGroupCommand;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.Emails;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import dev.membership.web.validation.PlainText;
import dev.membership.web.validation.PlainTexts;
import dev.membership.web.validation.StorableEmail;

/** Native directory provisioning: a platform admin mirrors an external directory (IMS) group. */
@RestController
class DirectoryController {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}";
    static final int MAX_MEMBERS = 10_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    DirectoryController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** Creates (201) or replaces (200) the directory group; linked groups follow its new members. */
    @ApiResponse(responseCode = "200", description = "The group existed and now has this name and these members", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "The group was created", useReturnTypeSchema = true)
    @Operation(operationId = "provisionDirectoryGroup")
    @PutMapping("/v1/directory/groups/{id}")
    ResponseEntity<DirectoryGroupView> provision(@PathVariable @Pattern(regexp = ID_PATTERN) String id,
            @Valid @RequestBody DirectoryGroupRequest request, Actor actor) {
        access.requirePlatformAdmin(actor);
        List<DirectoryPerson> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<InvalidParam> duplicates = new ArrayList<>();
        for (int i = 0; i < request.members().size(); i++) {
            DirectoryMember member = request.members().get(i);
            String email = Emails.normalize(member.email());
            if (!seen.add(email)) {
                duplicates.add(new InvalidParam("members[" + i + "].email", "Duplicate email: " + email));
            }
            members.add(new DirectoryPerson(email, PlainTexts.optionalName(member.fullName())));
        }
        if (!duplicates.isEmpty()) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "Each person may appear once.", duplicates);
        }
        // the aggregate tells whether it was created: two first provisionings at once are one creation and one replacement
        boolean created = Boolean.TRUE.equals(commands.sendAndWait(
                new ProvisionDirectoryGroupCommand(id, request.name().strip(), request.federated(), members, actor)));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(find(id).orElseThrow());
    }

    private Optional<DirectoryGroupView> find(String id) {
        return queries.query(new FindDirectoryGroupQuery(id), ResponseTypes.optionalInstanceOf(DirectoryGroupView.class)).join();
    }

    record DirectoryGroupRequest(
            @NotBlank @PlainText @Size(max = 128) String name,
            @NotNull Boolean federated,
            @NotNull @Size(max = MAX_MEMBERS) List<@Valid @NotNull DirectoryMember> members) {
    }

    record DirectoryMember(
            @NotBlank @Email @PlainText @StorableEmail String email,
            @PlainText @Size(max = 200) String fullName) {
    }
}
