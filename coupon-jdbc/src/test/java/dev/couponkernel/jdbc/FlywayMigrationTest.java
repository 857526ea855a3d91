package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that runs its migrations with Flyway points it at {@link Dialect#migrations()}: the scripts
 * apply on an empty database, give exactly the schema {@link SchemaInstaller} gives, and the storage
 * works on it. A later SchemaInstaller call sees the tables and does nothing; on a schema of an
 * older version it adds the versions missing.
 */
class FlywayMigrationTest {

    /** The stored form of a definition and an event as version 2 wrote them ({@code key=value} text). */
    private static final String OLD10 = "code=OLD10\ndiscount.type=PERCENT\ndiscount.percent=1000\ndiscount.amounts=\n"
            + "stacking.class=ORDER\nstacking.exclusive=false\nstacking.combinesWith=ORDER,PRODUCT,SHIPPING\nstacking.priority=0\n"
            + "scope.sellers=\nscope.includedSkus=\nscope.includedCategories=\nscope.excludedSkus=\nscope.excludedCategories=\n"
            + "eligibility.minOrderAmount=\neligibility.minQuantity=0\neligibility.firstOrderOnly=false\neligibility.segments=\n"
            + "eligibility.channels=\nvalidity.from=2026-01-01T00:00:00Z\nlimits.total=5\nlimits.perUser=1\n";

    private static final String CREATED = "couponId=c-old\ncode=OLD10\noccurredAt=2026-01-01T00:00:00Z\nactor=test:contract\n";

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2MemoryWithoutSchema),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgresWithoutSchema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void flywayAppliesTheMigrationsAndTheStorageWorksOnThem(String name, Supplier<DataSource> empty) throws SQLException {
        DataSource dataSource = empty.get();
        // tag::flyway[]
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + Dialect.of(dataSource).migrations())
                .load()
                .migrate();
        // end::flyway[]
        DataSource migrated = dataSource;
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(10);
        assertThat(result.targetSchemaVersion).isEqualTo("10");

        DataSource installed = empty.get();
        assertThat(SchemaInstaller.install(installed)).isTrue();
        assertThat(columns(migrated)).isEqualTo(columns(installed)).isNotEmpty();
        assertThat(SchemaInstaller.install(migrated)).as("the installer leaves a migrated schema alone").isFalse();

        StorageFixture given = new StorageFixture(JdbcCouponStorage.on(migrated));
        CouponRecord coupon = given.coupon(UsageLimits.total(1));
        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(given.lock(coupon, "bob", "co-2", T0).isLocked()).isFalse();
        assertThat(JdbcCouponStorage.on(migrated).consistency().problems()).isEmpty();
    }

    /** A database installed at version 1 gets version 2 from the installer, and the attempt log works on it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theInstallerAddsTheMissingVersionToAnOlderSchema(String name, Supplier<DataSource> empty) throws SQLException {
        DataSource v1 = empty.get();
        Flyway.configure().dataSource(v1).locations("classpath:" + Dialect.of(v1).migrations()).target("1").load().migrate();
        DataSource full = empty.get();
        SchemaInstaller.install(full);
        assertThat(columns(v1)).isNotEqualTo(columns(full));

        assertThat(SchemaInstaller.install(v1)).isTrue();
        assertThat(columns(v1)).isEqualTo(columns(full));
        JdbcAttemptLog attempts = JdbcCouponStorage.on(v1).attempts();
        assertThat(attempts.count(dev.couponkernel.spi.fraud.AttemptQuery.where(
                dev.couponkernel.spi.fraud.AttemptField.USER, "alice", T0))).isZero();
    }

    /**
     * A version-2 database holding coupons, usages, audit entries and pending events is upgraded to
     * versions 3 to 10 (by Flyway, and by the installer): every row is kept (its code in the namespace of typed
     * codes, version 8), the old pending events (which
     * name no audit entry) are relayed, the coupons can be suspended, and the consistency check stays
     * clean.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aVersionTwoDatabaseWithDataUpgradesToTheCurrentVersion(String name, Supplier<DataSource> empty) throws SQLException {
        for (boolean byFlyway : new boolean[] {true, false}) {
            DataSource db = empty.get();
            Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations()).target("2").load().migrate();
            // rows as version 2 wrote them: a coupon, its counter, its audit entry and head, a pending event
            CouponId id = CouponId.of("c-old");
            String hash = AuditChain.hash(AuditChain.GENESIS, id, null, AuditAction.COUPON_CREATED, ACTOR, null, "code=OLD10", T0);
            String at = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO coupon (id, code, status, discount_type, valid_from, valid_until, max_total_uses,"
                        + " max_uses_per_user, definition, version, created_at, updated_at) VALUES ('c-old', 'OLD10', 'ACTIVE',"
                        + " 'PERCENT', " + at + ", NULL, 5, 1, '" + OLD10 + "', 1, " + at + ", " + at + ")");
                s.execute("INSERT INTO coupon_counter (coupon_id, max_total_uses, max_uses_per_user, used) VALUES ('c-old', 5, 1, 0)");
                s.execute("INSERT INTO coupon_audit (coupon_id, usage_id, action, actor, reason, detail, at, chain_pos, prev_hash,"
                        + " hash) VALUES ('c-old', NULL, 'COUPON_CREATED', '" + ACTOR.name() + "', NULL, 'code=OLD10', " + at
                        + ", 1, '" + AuditChain.GENESIS + "', '" + hash + "')");
                s.execute("INSERT INTO coupon_audit_head (coupon_id, entries, last_hash) VALUES ('c-old', 1, '" + hash + "')");
                s.execute("INSERT INTO coupon_outbox (event_id, event_type, coupon_id, partition_no, recorded_at, payload) VALUES"
                        + " ('ev-old', 'CouponCreated', 'c-old', 0, " + at + ", '" + CREATED + "')");
            }
            assertThat(JdbcCouponStorage.on(db).audit().verify(id).isIntact()).isTrue();

            if (byFlyway) {
                MigrateResult upgrade = Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations())
                        .load().migrate();
                assertThat(upgrade.migrationsExecuted).as("versions 3 to 10").isEqualTo(8);
            } else {
                assertThat(SchemaInstaller.install(db)).isTrue();
            }

            JdbcCouponStorage after = JdbcCouponStorage.on(db);
            CouponRecord old = after.coupons().findById(id)
                    .orElseThrow();
            assertThat(old.status()).isEqualTo(CouponStatus.ACTIVE);
            assertThat(old.definition().limits()).isEqualTo(UsageLimits.of(5, 1));
            assertThat(after.coupons().findByCode(old.definition().code())).as("found by its code, copied by version 8")
                    .map(CouponRecord::id).contains(id);
            assertThat(after.codes().taken(List.of(old.definition().code()))).containsExactly(old.definition().code());
            List<EventEnvelope> relayed = new ArrayList<>();
            assertThat(after.outbox().relay(relayed::add, 100).failure()).isEmpty();
            assertThat(relayed).extracting(EventEnvelope::eventId).containsExactly("ev-old");
            StorageFixture given = new StorageFixture(after);
            assertThat(given.lock(old, "alice", "co-1", T0.plusSeconds(1)).isLocked()).isTrue();
            CouponRecord suspended = after.coupons().save(new CouponRecord(
                    old.id(), old.definition(), CouponStatus.SUSPENDED, old.version(), old.createdAt(),
                    T0.plusSeconds(2)), new CouponSuspended(old.id(), old.definition().code(),
                    T0.plusSeconds(2), ACTOR, "upgrade test"));
            assertThat(suspended.status()).isEqualTo(CouponStatus.SUSPENDED);
            assertThat(after.outbox().relay(relayed::add, 100).failure()).isEmpty();
            assertThat(relayed).hasSize(3);
            assertThat(after.audit().verify(old.id()).isIntact()).isTrue();
            assertThat(after.consistency().problems()).isEmpty();
        }
    }

    /** Every table's columns with their types and nullability, Flyway's own history table left out. */
    static List<String> columns(DataSource ds) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type, is_nullable"
                        + " FROM information_schema.columns WHERE LOWER(table_name) LIKE 'coupon%'"
                        + " ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return columns;
    }
}
