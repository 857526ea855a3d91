package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.jdbc.internal.ReinstatedUsages;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 6 (and 7 to 10 after it) on a version-5 database holding coupons, locked, redeemed and released usages,
 * their audit chains and pending events, by Flyway and by the installer, on H2 and PostgreSQL: every
 * row is kept and reads back as before, the consistency check and the audit chains stay clean, a
 * redeemed usage of the old rows can then be reinstated, and the new checks refuse what version 6
 * forbids. The version-5 rows are those the storage writes: written on a current database and
 * copied, column by column, into a database migrated to version 5.
 */
class ReinstatedUsagesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Actor ACTOR = Actor.of("test:upgrade");
    /** The tables in the order their foreign keys allow rows to be inserted. */
    private static final List<String> TABLES = List.of("coupon", "coupon_counter", "coupon_user_counter", "coupon_checkout",
            "coupon_usage", "coupon_audit", "coupon_audit_head", "coupon_outbox", "coupon_active_code", "coupon_user_usage",
            "coupon_seller");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.couponkernel.jdbc.Databases#upgradePaths")
    void version6KeepsTheRowsAndLetsTheirRedeemedUsagesBeReinstated(String name, Supplier<DataSource> empty,
            boolean byFlyway) throws SQLException {
        // the rows, as the storage writes them
        DataSource current = empty.get();
        SchemaInstaller.install(current);
        JdbcCouponStorage source = JdbcCouponStorage.on(current);
        StorageFixture given = new StorageFixture(source);
        CouponRecord coupon = given.coupon(UsageLimits.of(3, 1));
        given.lock(coupon, "alice", "co-redeemed", T0);
        source.ledger().redeem(CheckoutId.of("co-redeemed"), OrderId.of("order-1"), T0.plusSeconds(10), ACTOR);
        given.lock(coupon, "bob", "co-released", T0);
        source.ledger().release(CheckoutId.of("co-released"), "payment declined", T0.plusSeconds(10), ACTOR);
        given.lock(coupon, "carol", "co-locked", T0);
        List<UsageRecord> before = usages(source);

        DataSource old = empty.get();
        Flyway.configure().dataSource(old).locations("classpath:" + Dialect.of(old).migrations()).target("5").load().migrate();
        copy(current, old);
        assertThatThrownBy(() -> execute(old, "UPDATE coupon_usage SET status = 'REINSTATED' WHERE checkout_id = 'co-redeemed'"))
                .as("version 5 knows three statuses").isInstanceOf(SQLException.class);

        if (byFlyway) {
            assertThat(Flyway.configure().dataSource(old).locations("classpath:" + Dialect.of(old).migrations()).load().migrate()
                    .migrationsExecuted).as("versions 6 to 10").isEqualTo(5);
        } else {
            assertThat(SchemaInstaller.install(old)).isTrue();
        }

        assertThat(SchemaInstaller.install(old)).as("version 6 is recognised as installed").isFalse();
        JdbcCouponStorage after = JdbcCouponStorage.on(old);
        assertThat(usages(after)).as("every usage reads back as it was").isEqualTo(before);
        assertThat(after.consistency().problems()).isEmpty();
        assertThat(after.audit().verify(coupon.id()).isIntact()).isTrue();

        ReinstateResult result = after.ledger().reinstate(CheckoutId.of("co-redeemed"), OrderId.of("order-1"),
                Set.of(coupon.id()), "order cancelled", T0.plusSeconds(20), ACTOR);
        assertThat(result.status()).isEqualTo(ReinstateResult.Status.REINSTATED);
        assertThat(after.ledger().count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 0));
        assertThat(after.readModels().usageOf(UserId.of("alice"))).singleElement().satisfies(u -> {
            assertThat(u.redeemed()).isZero();
            assertThat(u.reinstated()).isEqualTo(1);
        });
        assertThat(after.consistency().problems()).isEmpty();
        assertThat(after.audit().verify(coupon.id()).isIntact()).isTrue();

        // what version 6 refuses: a reinstated usage without its instant, an order on a released one, a fifth status
        assertThatThrownBy(() -> execute(old, "UPDATE coupon_usage SET reinstated_at = NULL WHERE checkout_id = 'co-redeemed'"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(ReinstatedUsages.CONSTRAINT));
        assertThatThrownBy(() -> execute(old, "UPDATE coupon_usage SET order_id = 'order-9' WHERE checkout_id = 'co-released'"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(ReinstatedUsages.ORDER_CONSTRAINT));
        assertThatThrownBy(() -> execute(old, "UPDATE coupon_usage SET status = 'GONE', release_reason = NULL"
                + " WHERE checkout_id = 'co-released'"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(ReinstatedUsages.STATUS_CONSTRAINT));
    }

    private static List<UsageRecord> usages(JdbcCouponStorage storage) {
        List<UsageRecord> all = new ArrayList<>();
        for (String checkout : List.of("co-redeemed", "co-released", "co-locked")) {
            all.addAll(storage.ledger().usagesOf(CheckoutId.of(checkout)));
        }
        assertThat(all).extracting(UsageRecord::status)
                .containsExactly(UsageStatus.REDEEMED, UsageStatus.RELEASED, UsageStatus.LOCKED);
        return all;
    }

    /** Copies every row of the storage's tables, the columns both schemas have, in the source's order. */
    static void copy(DataSource from, DataSource to) throws SQLException {
        try (Connection src = from.getConnection(); Connection dst = to.getConnection()) {
            for (String table : TABLES) {
                Set<String> columns = columns(src, table);
                columns.retainAll(columns(dst, table));
                boolean identity = columns.remove("seq"); // generated again, in the same order
                String list = String.join(", ", columns);
                try (Statement s = src.createStatement();
                        ResultSet rs = s.executeQuery("SELECT " + list + " FROM " + table + (identity ? " ORDER BY seq" : ""));
                        PreparedStatement insert = dst.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")")) {
                    while (rs.next()) {
                        for (int i = 1; i <= columns.size(); i++) {
                            insert.setObject(i, rs.getObject(i));
                        }
                        insert.executeUpdate();
                    }
                }
            }
        }
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
