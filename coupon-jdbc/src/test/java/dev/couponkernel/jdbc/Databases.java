package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The databases the tests run on: H2 in memory, H2 on file, and a real PostgreSQL started once per
 * test JVM from the binaries Maven fetched (no install, no Docker). Each call gives a fresh, empty
 * database with the schema installed.
 */
public final class Databases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    static {
        // test pools retire idle connections within a second of their ten-second idle timeout (the default is 30 s)
        System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", "1000");
    }

    private Databases() {}

    public static DataSource h2Memory() {
        DataSource ds = h2MemoryWithoutSchema();
        SchemaInstaller.install(ds);
        return ds;
    }

    /** A fresh, empty H2 database in memory, no tables. */
    public static DataSource h2MemoryWithoutSchema() {
        return new UrlDataSource("jdbc:h2:mem:ck" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
    }

    public static DataSource h2File() {
        try {
            Path dir = Files.createTempDirectory("couponkernel-h2");
            dir.toFile().deleteOnExit();
            DataSource ds = new UrlDataSource("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
            SchemaInstaller.install(ds);
            return ds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh PostgreSQL database with the schema installed, behind a pool ({@link #pooled}): a new
     * connection to PostgreSQL is a new server process, some milliseconds each, which dominated the
     * tests that run many short transactions.
     */
    public static DataSource postgres() {
        DataSource ds = postgresWithoutSchema();
        SchemaInstaller.install(ds);
        return pooled(ds, POOL_SIZE);
    }

    /** Enough connections for the 64-thread stress tests and a reader beside them. */
    private static final int POOL_SIZE = 80;

    /** One housekeeping thread for every test pool (a pool makes its own otherwise). */
    private static final java.util.concurrent.ScheduledExecutorService HOUSEKEEPING =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-pool-housekeeping");
                t.setDaemon(true);
                return t;
            });

    /** A fresh, empty PostgreSQL database on the shared server, no tables. */
    public static synchronized DataSource postgresWithoutSchema() {
        try {
            if (postgres == null) {
                // the pools of the last seconds' tests hold their idle connections for ten seconds
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "500").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the process is ending
                    }
                }));
            }
            String name = "ck" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getDatabase("postgres", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
        }
    }

    /**
     * A database behind a small HikariCP pool. A connection to PostgreSQL is a new server process
     * (some milliseconds each), so a test that runs thousands of short transactions on one database
     * reuses its connections. Idle connections close after ten seconds (the housekeeping runs every
     * second), so the pools of finished
     * tests do not hold the server's connections.
     *
     * @param ds the database
     * @param size the most connections open at once
     * @return the pooled database
     */
    public static DataSource pooled(DataSource ds, int size) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        config.setPoolName("test-" + COUNTER.incrementAndGet());
        config.setScheduledExecutor(HOUSEKEEPING);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    public static CouponStorage storage(DataSource ds) {
        return JdbcCouponStorage.on(ds);
    }

    /**
     * The four ways an existing database is upgraded, for the upgrade tests: H2 and PostgreSQL, each
     * by Flyway and by {@code SchemaInstaller}. Each argument list is a name, a supplier of an empty
     * database without the schema, and whether Flyway upgrades it (else the installer).
     *
     * @return the arguments of a parameterized upgrade test
     */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> upgradePaths() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("H2, Flyway",
                        (java.util.function.Supplier<DataSource>) Databases::h2MemoryWithoutSchema, true),
                org.junit.jupiter.params.provider.Arguments.of("H2, installer",
                        (java.util.function.Supplier<DataSource>) Databases::h2MemoryWithoutSchema, false),
                org.junit.jupiter.params.provider.Arguments.of("PostgreSQL, Flyway",
                        (java.util.function.Supplier<DataSource>) Databases::postgresWithoutSchema, true),
                org.junit.jupiter.params.provider.Arguments.of("PostgreSQL, installer",
                        (java.util.function.Supplier<DataSource>) Databases::postgresWithoutSchema, false));
    }
}
