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
                "membership.idempotency.retention", "PT1M",
                "membership.invitations.time-to-live", "P14X",
                "membership.commands.writers", "four",
                "membership.audit.sweep-interval", "PT0S",
                "membership.http.max-body-size", "-1",
                "membership.feed.max-bytes-in-flight-per-caller", "67108864")));

        assertThat(refused.problems()).hasSize(6);
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_IDEMPOTENCY_RETENTION (membership.idempotency.retention) is 'PT1M'")
                .contains("at least five minutes"));
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
    void switchesAreTrueOrFalse_countsFitWhatReadsThem_andStreamsStayWithinTheirBound() {
        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class, () -> check(Map.of(
                "membership.security-observations", " false",
                "membership.aggregate-cache.check", "yes",
                "membership.embedded-postgres.enabled", "no",
                "membership.embedded-postgres.synchronous-commit", "1",
                "membership.http.max-body-size", "300000000",
                "membership.feed.max-streams", "10001",
                "membership.commands.writers", "3000000000")));

        assertThat(refused.problems()).hasSize(7);
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_AGGREGATE_CACHE_CHECK"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_COMMANDS_WRITERS (membership.commands.writers) is '3000000000'")
                .contains("at most 2147483647"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_SECURITY_OBSERVATIONS (membership.security-observations) is ' false'")
                .endsWith("true or false."));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_EMBEDDED_POSTGRES_ENABLED"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_EMBEDDED_POSTGRES_SYNCHRONOUS_COMMIT"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_HTTP_MAX_BODY_SIZE (membership.http.max-body-size) is '300000000'")
                .contains("from 1 to 268435456"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_FEED_MAX_STREAMS (membership.feed.max-streams) is '10001'")
                .contains("from 1 to 10000"));
        assertThatCode(() -> check(Map.of("membership.security-observations", "TRUE",
                "membership.embedded-postgres.enabled", "false", "membership.feed.max-streams", "10000")))
                .doesNotThrowAnyException();
    }

    @Test
    void settingsThatMustFitEachOther_areNamedAtOnceWithTheOthers_beforeTheDatabaseStarts() {
        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class, () -> check(Map.of(
                "membership.commands.transaction-timeout", "PT20S",
                "membership.audit.gap-grace", "PT6M",
                "membership.auth.hs256-secret", "short-secret",
                "membership.projections.rebuild-workers", "10",
                "spring.datasource.hikari.maximum-pool-size", "20",
                "membership.commands.writers", "0")));

        assertThat(refused.problems()).hasSize(4);
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_AUDIT_GAP_GRACE (PT6M) must be at most MEMBERSHIP_EVENT_STORE_GAP_TIMEOUT (PT5M)"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_AUTH_HS256_SECRET (membership.auth.hs256-secret) has 12 bytes").doesNotContain("short-secret"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("MEMBERSHIP_PROJECTIONS_REBUILD_WORKERS (10)").contains("11 of the pool's 20 connections"));
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).startsWith("MEMBERSHIP_COMMANDS_WRITERS"));

        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> check(Map.of(
                "membership.http.max-body-size", "104857600"))).problems())
                .singleElement().asString().startsWith("MEMBERSHIP_HTTP_MAX_BODY_BYTES_IN_FLIGHT (67108864) must be at least "
                        + "MEMBERSHIP_HTTP_MAX_BODY_SIZE (104857600)");
        assertThatCode(() -> check(Map.of("membership.http.max-body-size", "104857600",
                "membership.http.max-body-bytes-in-flight", "209715200"))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> check(Map.of(
                "membership.commands.transaction-timeout", "PT16S"))).problems())
                .singleElement().asString().startsWith("MEMBERSHIP_COMMANDS_TRANSACTION_TIMEOUT (PT16S) must be at most half of "
                        + "MEMBERSHIP_AUDIT_GAP_GRACE (PT30S)");
        assertThatCode(() -> check(Map.of("membership.commands.transaction-timeout", "PT15S",
                "membership.auth.hs256-secret", "0123456789abcdef0123456789abcdef",
                "membership.projections.rebuild-workers", "4",
                "spring.datasource.hikari.maximum-pool-size", "10"))).doesNotThrowAnyException();
        assertThatCode(() -> check(Map.of("membership.auth.hs256-secret", "short",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.example")))
                .as("a secret is not read when an identity provider is named").doesNotThrowAnyException();
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
