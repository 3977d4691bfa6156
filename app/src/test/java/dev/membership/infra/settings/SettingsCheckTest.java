package dev.membership.infra.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Settings a service cannot run well with are refused before it starts, each named with the rule it breaks. */
class SettingsCheckTest {

    @Test
    void everyWrongSetting_isNamedAtOnce_byItsVariableAndRule() {
        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class, () -> check(Map.of(
                "membership.idempotency.retention", "-PT1H",
                "membership.invitations.time-to-live", "P14X",
                "membership.commands.writers", "four",
                "membership.audit.sweep-interval", "PT0S",
                "membership.http.max-body-size", "-1",
                "membership.feed.max-bytes-in-flight-per-caller", "67108864")));

        assertThat(refused.problems()).hasSize(6);
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_IDEMPOTENCY_RETENTION (membership.idempotency.retention) is '-PT1H'")
                .contains("a duration above zero"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_COMMANDS_WRITERS (membership.commands.writers) is 'four'")
                .contains("a whole number of at least 1"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_INVITATIONS_TIME_TO_LIVE"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_AUDIT_SWEEP_INTERVAL"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_HTTP_MAX_BODY_SIZE"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_FEED_MAX_BYTES_IN_FLIGHT_PER_CALLER (67108864) must be at most"));
        FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(refused);
        assertThat(analysis.getDescription()).contains("MEMBERSHIP_COMMANDS_WRITERS");
    }

    @Test
    void theDefaults_andUsualValues_pass() {
        assertThatCode(() -> check(Map.of())).doesNotThrowAnyException();
        assertThatCode(() -> check(Map.of("membership.audit.sweep-interval", "5s",
                "membership.auth.token-cache-size", "0", "membership.audit.time-order-margin", "PT1M",
                "membership.query.timeout", "PT0S",
                "membership.snapshot-share", "0"))).doesNotThrowAnyException();
    }

    private static void check(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setConversionService(new ApplicationConversionService());
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new SettingsCheck().postProcessEnvironment(environment, new SpringApplication());
    }
}
