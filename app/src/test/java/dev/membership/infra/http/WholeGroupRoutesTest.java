package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which routes answer a whole group, or all of an organization's members, and so wait for a turn of their limit. */
class WholeGroupRoutesTest {

    @Test
    void theLimitIsForTheAnswersThatCarryAGroupsMembers() {
        String groups = "/docspace/" + UUID.randomUUID() + "/api/2.0/group";
        String one = groups + "/" + UUID.randomUUID();

        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("POST", groups))).as("D5").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", groups))).as("D4").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", one))).as("D6").isTrue();
        MockHttpServletRequest slim = new MockHttpServletRequest("GET", one);
        slim.setParameter("includeMembers", "false");
        assertThat(HttpConfiguration.answersAWholeGroup(slim)).as("D6 without members").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("PUT", one))).as("D7").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("DELETE", one))).as("D8").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("POST", one + "/members"))).as("D1").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("PUT", one + "/members"))).as("D2").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("DELETE", one + "/members"))).as("D3").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("PUT", one + "/manager"))).as("D9").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", "/workspace/orgs/" + UUID.randomUUID()
                + "/groups"))).as("another dialect").isFalse();
    }

    @Test
    void theLimitIsForEveryAnswerListingAllMembers_inEveryDialect() {
        UUID org = UUID.randomUUID();
        String group = UUID.randomUUID().toString();
        String v1 = "/v1/organizations/" + org;
        String cf = "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups/" + group.replace("-", "");

        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", v1 + "/groups/" + group)))
                .as("native group").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", v1 + "/groups/" + group + "/members")))
                .as("group members as of").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", v1 + "/members")))
                .as("organization members as of").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", "/workspace/orgs/" + org
                + "/members/groups"))).as("Evo G1").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("POST", cf + "/members"))).as("C3").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("PUT", cf + "/members"))).as("C4").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", cf + "/members")))
                .as("C1, paged").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("POST", v1 + "/groups")))
                .as("native group created").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", v1 + "/groups/" + group + "/history")))
                .as("group history, paged").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", "/workspace/orgs/" + org
                + "/members/users"))).as("Evo E1, paged").isFalse();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("HEAD", v1 + "/groups/" + group)))
                .as("native group, HEAD: read as a GET is").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("HEAD", "/docspace/" + org
                + "/api/2.0/group/" + group))).as("D6, HEAD").isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("PATCH", "/workspace/orgs/" + org
                + "/members/groups/" + group))).as("Evo G2, which reads the group's members").isTrue();
    }

    @Test
    void aWholeGroupIsKnownByTheRouteItReaches_howeverItsPathIsEncoded() {
        String group = "/api/2.0/group/" + UUID.randomUUID();
        String encoded = "/%64ocspace/" + UUID.randomUUID() + group;
        MockHttpServletRequest withoutMembers = new MockHttpServletRequest("GET", encoded);
        withoutMembers.setParameter("includeMembers", "false");

        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("GET", encoded))).isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(new MockHttpServletRequest("PUT", encoded + "/members"))).isTrue();
        assertThat(HttpConfiguration.answersAWholeGroup(withoutMembers)).isFalse();
    }
}
