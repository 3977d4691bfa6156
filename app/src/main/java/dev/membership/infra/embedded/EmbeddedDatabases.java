package dev.membership.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL servers this JVM runs, one per data directory. A server keeps its data in its
 * directory, so stopping and starting it again on the same directory finds everything that was committed.
 */
public final class EmbeddedDatabases {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabases.class);
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

    /** The server for this directory, started if it is not running yet, with every commit durable. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true, log::warn);
    }

    /**
     * The server for this directory, started if it is not running yet; each call counts one more user. Without
     * {@code synchronousCommit} a commit is acknowledged before its write-ahead log reaches the disk (the tests run
     * so: an operating system crash could lose the last commits, which no test survives anyway). What it had to do
     * first (stop a server an earlier run left) goes to {@code warnings}, as the logging may not be ready yet.
     */
    public static synchronized EmbeddedPostgres start(Path dataDirectory, int port, boolean synchronousCommit,
            Consumer<String> warnings) {
        Running running = RUNNING.computeIfAbsent(dataDirectory.toAbsolutePath().normalize(), dir -> {
            try {
                Files.createDirectories(dir);
                stopLeftServer(dir, warnings); // it may hold the port
                requireFree(port);
                return new Running(EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        // stopped by the application when its context closes (release), after the service's own
                        // shutdown: a shutdown hook of its own ran beside Spring's and stopped it first
                        .setRegisterShutdownHook(false)
                        .setPort(port)
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("fsync", "on")
                        // the library turns it off by default; an acknowledged write must survive a crash
                        .setServerConfig("synchronous_commit", synchronousCommit ? "on" : "off")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
            }
        });
        running.users++;
        return running.server;
    }

    /**
     * A fixed port must be free: the library waits for a server to answer on the port and does not check which one
     * does, so a port another PostgreSQL holds made the service use that server's databases as its own.
     */
    private static void requireFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // a listener is still found; connections closed lately are not in the way
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new IllegalStateException("MEMBERSHIP_EMBEDDED_POSTGRES_PORT is " + port + ", but another program "
                    + "listens on it (" + taken.getMessage() + "); choose a free port, or 0 for any free one");
        }
    }

    /**
     * A server an earlier run left running on this directory (its JVM was killed, so it never stopped it) holds the
     * directory, and a new start waited for it in vain. When no running service holds the directory's lock, that
     * server belongs to no one: it is asked to stop (SIGTERM, a smart shutdown: it has no clients left) first.
     */
    private static void stopLeftServer(Path dir, Consumer<String> warnings) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException | IOException unreadable) {
            return; // not a server's: PostgreSQL itself judges the file
        }
        // the process the file names must be a PostgreSQL serving this very directory: after a reboot the number may
        // belong to anything, the system's own PostgreSQL included
        ProcessHandle server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(dir.toString()))
                .orElse(null);
        if (server == null) {
            return; // a stale file, which PostgreSQL clears itself
        }
        try (FileChannel lock = FileChannel.open(dir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.tryLock()) {
            if (held == null) {
                return; // a running service holds the directory: the start fails, naming its lock
            }
            warnings.accept("A PostgreSQL left running by an earlier run (pid " + pid + ") holds " + dir + "; stopping it first");
            server.destroy();
            try {
                server.onExit().get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the PostgreSQL left running on " + dir + " stopped", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("The PostgreSQL left running on " + dir + " (pid " + pid + ") did not stop within "
                        + "60 s; stop it, then start the service again", e);
            }
        }
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
