package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.FindCallerAccessQuery;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's access is read for every request; a platform admin needs only the organization to exist, which stays
 * true once read, so an admin's later requests to it read nothing.
 */
class OrganizationAccessTest {

    private static final UUID EXISTING = UUID.randomUUID();
    private static final Actor ADMIN = new Actor("admin", "admin@acme.test", "Admin", true);
    private static final Actor MEMBER = new Actor("member", "member@acme.test", "Member", false);

    private final List<FindCallerAccessQuery> reads = new CopyOnWriteArrayList<>();
    private OrganizationAccess access;

    @BeforeEach
    void organizations() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(FindCallerAccessQuery.class.getName(), CallerAccess.class, message -> {
            FindCallerAccessQuery query = (FindCallerAccessQuery) message.getPayload();
            reads.add(query);
            boolean exists = query.organizationId().equals(EXISTING);
            boolean member = exists && "member@acme.test".equals(query.email());
            return new CallerAccess(exists, member ? UUID.randomUUID() : null, member ? Set.of("members:read") : Set.of());
        });
        access = new OrganizationAccess(DefaultQueryGateway.builder().queryBus(bus).build());
    }

    @Test
    void aPlatformAdmin_readsAnOrganizationsExistenceOnce() {
        access.requireMember(EXISTING, ADMIN);
        access.requireMember(EXISTING, ADMIN);
        access.require(EXISTING, ADMIN, "members:write");

        assertThat(reads).hasSize(1);
    }

    @Test
    void anOrganizationNotFound_isReadAgainEachTime_forItMayBeCreatedMeanwhile() {
        UUID missing = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> access.requireMember(missing, ADMIN)).isInstanceOf(MembershipException.class)
                    .extracting(e -> ((MembershipException) e).code()).isEqualTo(ErrorCode.ORGANIZATION_NOT_FOUND);
        }

        assertThat(reads).hasSize(2);
    }

    @Test
    void aMembersAccess_isReadForEveryRequest_evenOnceAnAdminMadeTheOrganizationKnown() {
        access.requireMember(EXISTING, ADMIN);
        access.require(EXISTING, MEMBER, "members:read");
        access.require(EXISTING, MEMBER, "members:read");

        assertThat(reads).hasSize(3);
        assertThatThrownBy(() -> access.require(EXISTING, MEMBER, "members:write"))
                .extracting(e -> ((MembershipException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }
}
