package dev.membership.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.MembershipApplication;
import dev.membership.support.Http;
import dev.membership.support.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Running the service on its embedded PostgreSQL as an operator meets it: a taken port, a database gone. */
@DisabledIfEnvironmentVariable(named = "MEMBERSHIP_TEST_DB_URL", matches = ".+",
        disabledReason = "starts and stops its own embedded PostgreSQL")
class EmbeddedPostgresOperationsTest {

    /**
     * A fixed port another program holds refuses the start, naming the setting: the service used to wait for a
     * server on that port, take the other one (another PostgreSQL) for its own, and serve that one's databases.
     */
    @Test
    void aFixedPortThatIsTaken_refusesTheStart_namingTheSetting() throws Exception {
        TestDatabase.configure();
        Path dataDirectory = TestDatabase.freshDirectory("taken");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> start(dataDirectory, "--membership.embedded-postgres.port=" + port))
                    .hasStackTraceContaining("MEMBERSHIP_EMBEDDED_POSTGRES_PORT is " + port);
        }
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).as("no database was made").isFalse();
    }

    /**
     * With the database gone the service is not ready (a balancer sends requests elsewhere), and still alive (a
     * restart would not bring the database back): readiness used to stay UP while every write failed.
     */
    @Test
    void withItsDatabaseGone_theServiceIsNotReady_butAlive() throws Exception {
        TestDatabase.configure();
        Path dataDirectory = TestDatabase.freshDirectory("gone");
        try (ConfigurableApplicationContext service = start(dataDirectory)) {
            Http http = new Http("http://localhost:" + ((WebServerApplicationContext) service).getWebServer().getPort(), null);
            assertThat(http.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);

            EmbeddedDatabases.stop(dataDirectory);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (http.anonymous().get("/actuator/health/readiness").status() != 503) {
                assertThat(System.nanoTime()).as("readiness turns 503").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(http.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            EmbeddedDatabases.stop(dataDirectory);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDirectory, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--membership.embedded-postgres.data-directory=" + dataDirectory;
        System.arraycopy(more, 0, args, 2, more.length);
        return new SpringApplicationBuilder(MembershipApplication.class).run(args);
    }
}
