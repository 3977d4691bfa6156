package dev.membership.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded PostgreSQL servers this JVM runs, one per data directory. A server keeps its data in its
 * directory, so stopping and starting it again on the same directory finds everything that was committed.
 */
public final class EmbeddedDatabases {

    private static final Map<Path, Running> RUNNING = new ConcurrentHashMap<>();

    /** A running server and how many application contexts use it. */
    private static final class Running {
        private final EmbeddedPostgres server;
        private int users;

        Running(EmbeddedPostgres server) {
            this.server = server;
        }
    }

    private EmbeddedDatabases() {
    }

    /** The server for this directory, started if it is not running yet; each call counts one more user. */
    public static synchronized EmbeddedPostgres start(Path dataDirectory, int port) {
        Running running = RUNNING.computeIfAbsent(dataDirectory.toAbsolutePath().normalize(), dir -> {
            try {
                Files.createDirectories(dir);
                return new Running(EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        // stopped by the application when its context closes (release), after the service's own
                        // shutdown: a shutdown hook of its own ran beside Spring's and stopped it first
                        .setRegisterShutdownHook(false)
                        .setPort(port)
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("fsync", "on")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
            }
        });
        running.users++;
        return running.server;
    }

    /** One user is done with the server of this directory; the last one stops it. */
    public static synchronized void release(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Running running = RUNNING.get(dir);
        if (running != null && --running.users <= 0) {
            stop(dir);
        }
    }

    /** Stops the server of this directory whoever uses it, if this JVM runs one; its data stays on disk. */
    public static synchronized void stop(Path dataDirectory) {
        Running running = RUNNING.remove(dataDirectory.toAbsolutePath().normalize());
        if (running != null) {
            try {
                running.server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
