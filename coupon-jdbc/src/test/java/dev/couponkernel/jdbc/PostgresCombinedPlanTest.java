package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The combined transaction's multi-key reads stay on the indexes on PostgreSQL even when the
 * planner's statistics are stale: a table that grew by thousands of rows since it was created and
 * was never analyzed, as in a flash sale soon after the schema was installed. Without the guard,
 * PostgreSQL estimates such a table at a few rows and scans all of it for every batch, under the
 * hot coupon's row locks (measured: a 20 ms scan per batch after a few thousand checkouts, and
 * growing).
 */
class PostgresCombinedPlanTest {

    static final int ROWS = 20_000;
    static final int KEYS = 60;

    static DataSource ds;
    static List<String> checkouts = new ArrayList<>();

    @BeforeAll
    static void aTableThatGrewWithoutStatistics() throws SQLException {
        ds = Databases.postgres();
        CouponRecord coupon = new StorageFixture(JdbcCouponStorage.on(ds)).coupon(UsageLimits.of(1_000_000, 1_000));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE coupon_usage SET (autovacuum_enabled = false)");
            s.execute("ALTER TABLE coupon_checkout SET (autovacuum_enabled = false)");
            s.execute("INSERT INTO coupon_checkout (checkout_id, closed_at) SELECT 'checkout-' || g, now() FROM generate_series(1, "
                    + ROWS + ") g");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO coupon_usage (id, coupon_id, code, user_id, checkout_id, status,"
                    + " locked_at, expires_at, order_id, closed_at) SELECT 'usage-' || g, ?, ?, 'user-' || (g % 600), 'checkout-' || g,"
                    + " 'REDEEMED', now(), now() + interval '15 minutes', 'order-' || g, now() FROM generate_series(1, " + ROWS + ") g")) {
                ps.setString(1, coupon.id().value());
                ps.setString(2, coupon.definition().code().value());
                ps.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(last_analyze), MAX(last_autoanalyze)) FROM pg_stat_user_tables"
                    + " WHERE relname IN ('coupon_usage', 'coupon_checkout')")) {
                rs.next();
                assertThat(rs.getObject(1)).as("the tables were never analyzed").isNull();
            }
        }
        for (int i = 1; i <= KEYS; i++) {
            checkouts.add("checkout-" + (i * 97));
        }
    }

    @Test
    void withoutTheGuardTheStalePlannerScansTheWholeTable() throws SQLException {
        // the premise: this is what the combined transaction ran into
        assertThat(plan(LedgerTransaction.lockUsagesOfCheckouts(true, KEYS), false)).contains("Seq Scan on coupon_usage");
    }

    @Test
    void theCombinedTransactionLocksUsagesThroughAnIndex() throws SQLException {
        String plan = plan(LedgerTransaction.lockUsagesOfCheckouts(true, KEYS), true);
        assertThat(plan).doesNotContain("Seq Scan").contains("Index");
    }

    @Test
    void theCombinedTransactionLocksCheckoutsThroughAnIndex() throws SQLException {
        String plan = plan(LedgerTransaction.lockCheckouts(true, KEYS), true);
        assertThat(plan).doesNotContain("Seq Scan").contains("Index");
    }

    @Test
    void theStatementsPreparedOnceStayOnTheIndexes() throws SQLException {
        // one statement text for any number of keys above one (one key is a plain equality): pgjdbc
        // prepares it on the server after a few uses, and PostgreSQL may then run a generic plan, made
        // without seeing the array
        assertThat(LedgerTransaction.lockCheckouts(true, 2)).isEqualTo(LedgerTransaction.lockCheckouts(true, KEYS));
        assertThat(LedgerTransaction.lockUsagesOfCheckouts(true, 2)).isEqualTo(LedgerTransaction.lockUsagesOfCheckouts(true, KEYS));
        for (String sql : List.of(LedgerTransaction.lockCheckouts(true, KEYS), LedgerTransaction.lockUsagesOfCheckouts(true, KEYS))) {
            assertThat(plan("SET LOCAL plan_cache_mode = force_generic_plan", sql, true)).doesNotContain("Seq Scan").contains("Index");
        }
    }

    @Test
    void aLedgerTransactionOfOneCheckoutLooksItUpThroughAnIndexWithoutTheGuard() throws SQLException {
        // a single command runs without SET LOCAL: its one-key equality must not need it
        for (String sql : List.of(LedgerTransaction.lockCheckouts(true, 1), LedgerTransaction.lockUsagesOfCheckouts(true, 1))) {
            assertThat(sql).contains("= ?");
            assertThat(plan(sql, false)).as(sql).doesNotContain("Seq Scan").contains("Index");
        }
    }

    @Test
    void theGuardEndsWithTheTransaction() throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            LedgerTransaction.keyLookupsOnly(c);
            assertThat(setting(c)).isEqualTo("off");
            c.commit();
            assertThat(setting(c)).isEqualTo("on");
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW enable_seqscan")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String plan(String sql, boolean guarded) throws SQLException {
        return plan(null, sql, guarded);
    }

    private static String plan(String setting, String sql, boolean guarded) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (setting != null) {
                    try (Statement s = c.createStatement()) {
                        s.execute(setting);
                    }
                }
                if (guarded) {
                    LedgerTransaction.keyLookupsOnly(c);
                }
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                    if (sql.contains("= ?")) {
                        ps.setString(1, checkouts.get(0));
                    } else {
                        ps.setArray(1, c.createArrayOf("varchar", checkouts.toArray()));
                    }
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    return plan.toString();
                }
            } finally {
                c.rollback();
            }
        }
    }
}
