package dev.membership.infra.http;

import static dev.membership.web.onlyoffice.OnlyofficeAssertions.assertError;
import static dev.membership.web.onlyoffice.OnlyofficeAssertions.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Answers that carry a whole group (or all of an organization's members) are served a bounded number at a time; one
 * whose turn does not come in time answers 503 in its dialect's error shape (here DocSpace's envelope), while the
 * group without its members and the group list are served.
 */
class WholeGroupLimitApiTest extends ApiTestSupport {

    @Autowired
    FilterRegistrationBean<ConcurrencyLimitFilter> wholeGroupLimitFilter;

    @Value("${membership.docspace.max-concurrent-groups}")
    int limit;

    @Test
    void aWholeGroupBeyondTheLimitWaitsItsTurn_andAnswers503WhenItDoesNotCome_otherAnswersAreServed() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = membership(org, owner, email("member"), "User");
        Http asOwner = http.as(TestTokens.user(owner));
        String groups = "/docspace/" + org + "/api/2.0/group";
        String group = assertSuccess(asOwner.post(groups, """
                {"groupName": "Everyone", "members": ["%s"]}""".formatted(member)), "POST").get("id").asText();

        // other whole groups being written: they hold every turn until they are released
        HttpResult refused;
        try (HeldTurns held = new HeldTurns(wholeGroupLimitFilter.getFilter(), limit,
                () -> new MockHttpServletRequest("GET", groups + "/" + group))) {
            refused = asOwner.get(groups + "/" + group); // after the wait (MEMBERSHIP_DOCSPACE_GROUP_WAIT)
            // the route a request reaches decides, however its path is written
            HttpResult encoded = asOwner.get("/%64ocspace/" + org + "/api/2.0/group/" + group);
            assertError(encoded, 503);
            assertThat(assertSuccess(asOwner.get(groups + "/" + group + "?includeMembers=false"), "GET")
                    .get("membersCount").asInt()).isEqualTo(1);
            assertThat(assertSuccess(asOwner.get(groups), "GET")).hasSize(1);
        }

        assertError(refused, 503);
        assertThat(refused.json().get("error").get("message").asText()).contains("Too many answers listing every member");
        assertThat(refused.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(assertSuccess(asOwner.get(groups + "/" + group), "GET").get("members")).hasSize(1);
        assertThat(wholeGroupLimitFilter.getFilter().inProgress()).isZero();
    }
}
