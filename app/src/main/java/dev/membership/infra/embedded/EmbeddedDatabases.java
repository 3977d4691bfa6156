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

    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

    private EmbeddedDatabases() {
    }

    /** The server for this directory, started if it is not running yet. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        return RUNNING.computeIfAbsent(dataDirectory.toAbsolutePath().normalize(), dir -> {
            try {
                Files.createDirectories(dir);
                return EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("fsync", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
            }
        });
    }

    /** Stops the server of this directory, if this JVM runs one; its data stays on disk. */
    public static void stop(Path dataDirectory) {
        EmbeddedPostgres server = RUNNING.remove(dataDirectory.toAbsolutePath().normalize());
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
