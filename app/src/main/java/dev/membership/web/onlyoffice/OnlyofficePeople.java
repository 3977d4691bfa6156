package dev.membership.web.onlyoffice;

import dev.membership.api.group.FindMemberGroupsQuery;
import dev.membership.api.group.GroupMemberView;
import dev.membership.api.group.MemberGroups;
import dev.membership.api.group.MemberGroups.GroupSummary;
import dev.membership.api.membership.FindMembershipQuery;
import dev.membership.api.membership.MembershipView;
import dev.membership.api.role.BuiltInRole;
import dev.membership.api.role.RoleDefinition;
import dev.membership.web.onlyoffice.OnlyofficeModels.EmployeeFullDto;
import dev.membership.web.onlyoffice.OnlyofficeModels.GroupSummaryDto;
import java.time.Instant;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Renders memberships as DocSpace portal users. A portal user's {@code id} is the membership id; pending
 * memberships are active users whose activation is pending.
 */
@Component
public class OnlyofficePeople {

    private static final String AVATARS = "/static/images/default_user_photo_size_";

    private final QueryGateway queries;

    OnlyofficePeople(QueryGateway queries) {
        this.queries = queries;
    }

    /** One portal user as the renderer needs it. */
    public record Person(UUID membershipId, String email, String fullName, String status, List<String> roleKeys,
            Instant since) {

        public static Person of(GroupMemberView member) {
            return new Person(member.membershipId(), member.email(), member.fullName(), member.status(), member.roleKeys(),
                    member.since());
        }

        public static Person of(MembershipView membership) {
            return new Person(membership.membershipId(), membership.email(), membership.fullName(), membership.status(),
                    membership.roles().stream().map(RoleDefinition::key).toList(), membership.since());
        }
    }

    public List<EmployeeFullDto> render(UUID portal, List<Person> people) {
        MemberGroups groups = queries.query(new FindMemberGroupsQuery(portal,
                people.stream().map(Person::membershipId).toList()), MemberGroups.class).join();
        Map<UUID, String> userNames = new HashMap<>();
        people.forEach(person -> userNames.put(person.membershipId(), userName(person.email())));
        // the managers of their groups who are not among them are read once each, before anything is written
        Set<UUID> managers = new HashSet<>();
        groups.groupsByMembership().values().forEach(summaries -> summaries.stream()
                .map(GroupSummary::managerMembershipId).filter(Objects::nonNull).forEach(managers::add));
        managers.removeAll(userNames.keySet());
        managers.forEach(manager -> userNames.put(manager, managerName(portal, manager)));
        // the profile links differ only by their last segment: the request's base is read once, not once per person
        String profiles = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/docspace/{portal}/accounts/view/").buildAndExpand(portal).toUriString();
        // everything read, each person is rendered as the answer is written: a group of 10,000 does not hold 10,000
        // rendered people at once
        List<Person> listed = List.copyOf(people);
        return new AbstractList<>() {
            @Override
            public EmployeeFullDto get(int index) {
                return render(listed.get(index), groups, userNames, profiles);
            }

            @Override
            public int size() {
                return listed.size();
            }
        };
    }

    public Optional<EmployeeFullDto> render(UUID portal, UUID membershipId) {
        if (membershipId == null) {
            return Optional.empty();
        }
        return queries.query(new FindMembershipQuery(portal, membershipId), ResponseTypes.optionalInstanceOf(MembershipView.class))
                .join()
                .map(membership -> render(portal, List.of(Person.of(membership))).get(0));
    }

    private static EmployeeFullDto render(Person person, MemberGroups groups, Map<UUID, String> userNames,
            String profiles) {
        String userName = userName(person.email());
        String displayName = person.fullName() == null || person.fullName().isBlank() ? person.email() : person.fullName();
        String[] names = displayName.equals(person.email()) ? new String[] {userName} : displayName.split(" ", 2);
        boolean owner = person.roleKeys().contains(BuiltInRole.OWNER.key());
        boolean admin = owner || person.roleKeys().contains(BuiltInRole.ADMIN.key());
        List<GroupSummaryDto> summaries = groups.of(person.membershipId()).stream()
                .map(group -> new GroupSummaryDto(group.id(), group.name(),
                        group.managerMembershipId() == null ? null : userNames.get(group.managerMembershipId())))
                .toList();
        return new EmployeeFullDto(person.membershipId(), displayName, null,
                AVATARS + "82-82.png", AVATARS + "200-200.png", AVATARS + "200-200.png", AVATARS + "48-48.png",
                AVATARS + "32-32.png", profiles + userName, false, false,
                names[0], names.length > 1 ? names[1] : null, userName, person.email(),
                OnlyofficeModels.STATUS_ACTIVE,
                "accepted".equals(person.status()) ? OnlyofficeModels.ACTIVATION_ACTIVATED : OnlyofficeModels.ACTIVATION_PENDING,
                summaries, admin, false, false, owner, false, false, 0, false, "Base",
                OnlyofficeModels.apiDateTime(person.since()));
    }

    private String managerName(UUID portal, UUID membershipId) {
        return queries.query(new FindMembershipQuery(portal, membershipId), ResponseTypes.optionalInstanceOf(MembershipView.class))
                .join().map(membership -> userName(membership.email())).orElse(null);
    }

    private static String userName(String email) {
        int at = email.indexOf('@');
        return at > 0 ? email.substring(0, at) : email;
    }
}
