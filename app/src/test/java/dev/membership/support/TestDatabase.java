package dev.membership.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the application under test at a database: the server in {@code MEMBERSHIP_TEST_DB_URL} when set,
 * otherwise an embedded PostgreSQL in a fresh directory for this test JVM.
 */
public final class TestDatabase {

    private static Path directory;

    private TestDatabase() {
    }

    /** Sets the system properties that the application reads before its context starts. */
    public static synchronized void configure() {
        System.setProperty("membership.auth.hs256-secret", TestTokens.SECRET);
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        // the test JVM keeps a context per set of test properties, each with its own pool: idle ones give their
        // connections back, so that six or more contexts fit in the embedded server's 100 connections
        System.setProperty("spring.datasource.hikari.minimum-idle", "2");
        System.setProperty("spring.datasource.hikari.idle-timeout", "10000");
        // the test contexts of one JVM share the database as nodes of one service do: each compares the aggregates it
        // caches with the store before a command (CachedAggregates), as a node on a database of its own would
        System.setProperty("membership.aggregate-cache.check", "true");
        String external = System.getenv("MEMBERSHIP_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            System.setProperty("spring.datasource.url", external);
            setIfPresent("spring.datasource.username", System.getenv("MEMBERSHIP_TEST_DB_USER"));
            setIfPresent("spring.datasource.password", System.getenv("MEMBERSHIP_TEST_DB_PASSWORD"));
            return;
        }
        System.setProperty("membership.embedded-postgres.data-directory", directory().toString());
        // no test outlives an operating system crash: commits need not wait for the disk
        System.setProperty("membership.embedded-postgres.synchronous-commit", "false");
    }

    public static synchronized Path directory() {
        if (directory == null) {
            directory = freshDirectory("pg");
        }
        return directory;
    }

    public static Path freshDirectory(String prefix) {
        try {
            Path parent = Path.of("target", "test-data");
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent.toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setIfPresent(String key, String value) {
        if (value != null) {
            System.setProperty(key, value);
        }
    }
}
