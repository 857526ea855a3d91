package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.jdbc.internal.LeanCheckoutRows;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 10 on a version-9 database holding a coupon with locked, redeemed and released
 * usages, by Flyway and by the installer, on H2 and PostgreSQL: the foreign keys of the usage, customer
 * counter and per-customer read-model tables are gone (the counter keeps its own), the index {@code
 * coupon_audit_coupon} is gone, the coupon's trail reads back entry for entry in the order it was
 * written and verifies, new checkouts append after it, the consistency check is clean, and it reports a
 * usage row naming a coupon that does not exist, which no foreign key refuses now. The version-9 rows
 * are written by the storage itself, whose writes name nothing version 10 changes.
 */
class LeanCheckoutRowsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Actor ACTOR = Actor.of("test:upgrade");
    private static final List<String> UNCHECKED = List.of("coupon_usage", "coupon_user_counter", "coupon_user_usage");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.couponkernel.jdbc.Databases#upgradePaths")
    void version10KeepsTheRowsAndTheTrailWithoutTheChecksAndTheIndex(String name, Supplier<DataSource> empty,
            boolean byFlyway) throws SQLException {
        DataSource db = empty.get();
        Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations()).target("9").load().migrate();
        for (String table : UNCHECKED) {
            assertThat(foreignKeys(db, table)).as("version 9 ties %s to its coupon", table).isNotEmpty();
        }
        assertThat(indexes(db, "coupon_audit")).contains("coupon_audit_coupon");
        JdbcCouponStorage old = JdbcCouponStorage.on(db);
        StorageFixture given = new StorageFixture(old);
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 2));
        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(given.lock(coupon, "bob", "co-2", T0).isLocked()).isTrue();
        assertThat(given.lock(coupon, "carol", "co-3", T0).isLocked()).isTrue();
        old.ledger().redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);
        old.ledger().release(CheckoutId.of("co-2"), "cart abandoned", T0.plusSeconds(2), ACTOR);
        List<AuditEntry> before = old.audit().byCoupon(coupon.id());
        assertThat(before).hasSize(6);

        if (byFlyway) {
            assertThat(Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations()).load().migrate()
                    .migrationsExecuted).isEqualTo(1);
        } else {
            assertThat(SchemaInstaller.install(db)).isTrue();
        }

        assertThat(SchemaInstaller.install(db)).as("version 10 is recognised as installed").isFalse();
        for (String table : UNCHECKED) {
            assertThat(foreignKeys(db, table)).as("no foreign key checks each row of %s", table).isEmpty();
        }
        assertThat(foreignKeys(db, "coupon_counter")).as("the counter keeps its coupon's key").hasSize(1);
        assertThat(indexes(db, "coupon_audit")).doesNotContain("coupon_audit_coupon");

        JdbcCouponStorage storage = JdbcCouponStorage.on(db);
        assertThat(storage.audit().byCoupon(coupon.id())).as("the trail, entry for entry, in its order").isEqualTo(before);
        given = new StorageFixture(storage);
        assertThat(given.lock(coupon, "dave", "co-4", T0.plusSeconds(3)).isLocked()).isTrue();
        assertThat(given.lock(coupon, "alice", "co-5", T0.plusSeconds(3)).isLocked()).isTrue();
        assertThat(given.lock(coupon, "alice", "co-6", T0.plusSeconds(3)).isLocked()).as("alice's limit of 2").isFalse();
        storage.ledger().redeem(CheckoutId.of("co-4"), OrderId.of("order-4"), T0.plusSeconds(4), ACTOR);
        List<AuditEntry> after = storage.audit().byCoupon(coupon.id());
        assertThat(after).hasSize(9).startsWith(before.toArray(AuditEntry[]::new));
        assertThat(after).extracting(AuditEntry::sequence).isSorted();
        assertThat(storage.audit().verify(coupon.id()).isIntact()).isTrue();
        assertThat(storage.consistency().problems()).isEmpty();

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO coupon_usage (id, coupon_id, code, user_id, checkout_id, status, locked_at, expires_at)"
                    + " SELECT 'u-stray', 'c-gone', code, user_id, 'co-stray', status, locked_at, expires_at FROM coupon_usage"
                    + " WHERE checkout_id = 'co-3'");
        }
        assertThat(storage.consistency().problems())
                .anyMatch(p -> p.equals("coupon_usage holds 1 rows of coupon c-gone, which does not exist"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO coupon_usage (id, coupon_id, code, user_id, checkout_id, status, locked_at, expires_at)"
                    + " SELECT 'u-empty', '', code, user_id, 'co-empty', status, locked_at, expires_at FROM coupon_usage"
                    + " WHERE checkout_id = 'co-3'");
            throw new AssertionError("a usage naming no coupon was stored");
        } catch (SQLException refused) {
            assertThat(refused.getMessage().toLowerCase(Locale.ROOT)).contains(LeanCheckoutRows.CONSTRAINT);
        }
    }

    private static List<String> foreignKeys(DataSource db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.getMetaData().getImportedKeys(null, null,
                Dialect.of(db) == Dialect.POSTGRESQL ? table : table.toUpperCase(Locale.ROOT))) {
            while (rs.next()) {
                names.add(rs.getString("FK_NAME"));
            }
        }
        return names;
    }

    private static List<String> indexes(DataSource db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.getMetaData().getIndexInfo(null, null,
                Dialect.of(db) == Dialect.POSTGRESQL ? table : table.toUpperCase(Locale.ROOT), false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index != null) {
                    names.add(index.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
