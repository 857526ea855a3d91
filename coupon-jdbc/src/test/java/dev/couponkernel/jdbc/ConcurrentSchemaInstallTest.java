package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.testkit.StorageFixture;
import dev.couponkernel.spi.value.UsageLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several nodes starting at once on one empty database, each installing the schema (by Flyway, and
 * by {@link SchemaInstaller}): every one of them succeeds, the schema is installed exactly once and
 * is the one a single node installs, and the storage works on it. Eight threads stand for the nodes,
 * each with its own connections, released together.
 */
class ConcurrentSchemaInstallTest {

    private static final int NODES = 8;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.couponkernel.jdbc.FlywayMigrationTest#databases")
    void nodesInstallingTheSchemaAtOnceAllSucceedAndInstallItOnce(String name, Supplier<DataSource> empty) throws Exception {
        DataSource db = empty.get();
        List<Boolean> installed = atOnce(() -> SchemaInstaller.install(db));

        assertThat(installed).as("one node installed, the others found it there").containsOnlyOnce(true);
        DataSource single = empty.get();
        SchemaInstaller.install(single);
        assertThat(FlywayMigrationTest.columns(db)).isEqualTo(FlywayMigrationTest.columns(single));
        assertThat(SchemaInstaller.install(db)).isFalse();
        works(db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.couponkernel.jdbc.FlywayMigrationTest#databases")
    void nodesMigratingByFlywayAtOnceAllSucceed(String name, Supplier<DataSource> empty) throws Exception {
        DataSource db = empty.get();
        List<Integer> executed = atOnce(() -> Flyway.configure().dataSource(db)
                .locations("classpath:" + Dialect.of(db).migrations()).load().migrate().migrationsExecuted);

        assertThat(executed.stream().mapToInt(Integer::intValue).sum()).as("each version ran once: %s", executed).isEqualTo(10);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                        + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertThat(versions).as("each version applied once, in order").containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        }
        assertThat(SchemaInstaller.install(db)).as("the installer finds Flyway's schema complete").isFalse();
        works(db);
    }

    private static void works(DataSource db) {
        JdbcCouponStorage storage = JdbcCouponStorage.on(db);
        StorageFixture given = new StorageFixture(storage);
        assertThat(given.lock(given.coupon(UsageLimits.total(1)), "alice", "co-1", Instant.parse("2026-12-02T10:00:00Z"))
                .isLocked()).isTrue();
        assertThat(storage.consistency().problems()).isEmpty();
    }

    private static <T> List<T> atOnce(Callable<T> node) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return node.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
