package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.prepare;

import dev.couponkernel.jdbc.internal.LeanCheckoutRows;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.value.CouponId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that what the storage holds agrees with itself, by queries over the whole schema: the
 * counters equal the usages they count, no coupon holds more uses than its limits, every usage has
 * exactly the audit entries of its transitions, every budget reserves exactly the discounts of the
 * coupon's locked and redeemed usages and never more than itself, every audit entry has its outbox event and every
 * outbox event its audit entry, every coupon has a counter holding its limits, no usage, customer
 * counter or per-customer read-model row names a coupon that does not exist, every coupon's audit
 * chain is intact and starts with its creation (a coupon without one is reported), and the read
 * models equal what the source tables give.
 *
 * <p>The operation for after an incident (a crash, a failed migration, a restored backup) and for
 * tests that inject faults. It reads every row; on a live system run it off-peak. Thread-safe.
 */
public final class JdbcConsistencyCheck {

    private final Tx tx;
    private final JdbcReadModels readModels;
    private final JdbcAuditTrail audit;

    JdbcConsistencyCheck(Tx tx, JdbcReadModels readModels, JdbcAuditTrail audit) {
        this.tx = tx;
        this.readModels = readModels;
        this.audit = audit;
    }

    /**
     * Runs every check.
     *
     * @return one line per problem found; empty when the storage is consistent
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(tx.run(JdbcConsistencyCheck::counts, false));
        for (CouponId coupon : tx.run(JdbcConsistencyCheck::couponIds, false)) {
            AuditVerification verdict = audit.verify(coupon);
            if (!verdict.isIntact()) {
                problems.add("audit chain of coupon " + coupon + ": " + verdict.problem().orElseThrow());
            }
        }
        problems.addAll(readModels.differences());
        return problems;
    }

    private static List<String> counts(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        query(c, problems, "SELECT c.coupon_id, c.used, COUNT(u.id) FROM coupon_counter c LEFT JOIN coupon_usage u"
                + " ON u.coupon_id = c.coupon_id AND u.status IN ('LOCKED', 'REDEEMED')"
                + " GROUP BY c.coupon_id, c.used HAVING c.used <> COUNT(u.id)",
                rs -> "coupon " + rs.getString(1) + " counts " + rs.getLong(2) + " uses but holds " + rs.getLong(3)
                        + " locked or redeemed usages");
        // one pass over both tables, grouped: no index leads from a customer's counter to their usages,
        // so a join would read all of a coupon's usages for each of its customers
        query(c, problems, "SELECT coupon_id, user_id, SUM(counted), SUM(held) FROM (SELECT coupon_id, user_id, used AS counted,"
                + " 0 AS held FROM coupon_user_counter UNION ALL SELECT coupon_id, user_id, 0, 1 FROM coupon_usage"
                + " WHERE status IN ('LOCKED', 'REDEEMED')) x GROUP BY coupon_id, user_id"
                + " HAVING SUM(counted) <> SUM(held) AND EXISTS (SELECT 1 FROM coupon_user_counter uc"
                + " WHERE uc.coupon_id = x.coupon_id AND uc.user_id = x.user_id)",
                rs -> "coupon " + rs.getString(1) + " counts " + rs.getLong(3) + " uses of customer " + rs.getString(2)
                        + " but holds " + rs.getLong(4));
        query(c, problems, "SELECT u.coupon_id, u.user_id, COUNT(*) FROM coupon_usage u WHERE u.status IN ('LOCKED', 'REDEEMED')"
                + " AND NOT EXISTS (SELECT 1 FROM coupon_user_counter uc WHERE uc.coupon_id = u.coupon_id AND uc.user_id = u.user_id)"
                + " GROUP BY u.coupon_id, u.user_id",
                rs -> "coupon " + rs.getString(1) + " holds " + rs.getLong(3) + " uses of customer " + rs.getString(2)
                        + " that no counter counts");
        query(c, problems, "SELECT k.id, k.max_total_uses, c.max_total_uses, COUNT(u.id) FROM coupon k"
                + " JOIN coupon_counter c ON c.coupon_id = k.id"
                + " JOIN coupon_usage u ON u.coupon_id = k.id AND u.status IN ('LOCKED', 'REDEEMED')"
                + " GROUP BY k.id, k.max_total_uses, c.max_total_uses"
                + " HAVING COUNT(u.id) > COALESCE(k.max_total_uses, COUNT(u.id))"
                + " OR COUNT(u.id) > COALESCE(c.max_total_uses, COUNT(u.id))",
                rs -> "coupon " + rs.getString(1) + " is oversold: " + rs.getLong(4) + " uses held, limits "
                        + rs.getString(2) + " (coupon) and " + rs.getString(3) + " (ledger)");
        query(c, problems, "SELECT k.id, u.user_id, k.max_uses_per_user, COUNT(u.id) FROM coupon k"
                + " JOIN coupon_usage u ON u.coupon_id = k.id AND u.status IN ('LOCKED', 'REDEEMED')"
                + " WHERE k.max_uses_per_user IS NOT NULL GROUP BY k.id, u.user_id, k.max_uses_per_user"
                + " HAVING COUNT(u.id) > k.max_uses_per_user",
                rs -> "coupon " + rs.getString(1) + " is oversold to customer " + rs.getString(2) + ": " + rs.getLong(4)
                        + " uses held, limit " + rs.getLong(3));
        query(c, problems, "SELECT b.coupon_id, b.currency, b.spent_minor, b.budget_minor, COALESCE(SUM(u.discount_minor), 0)"
                + " FROM coupon_budget b LEFT JOIN coupon_usage u ON u.coupon_id = b.coupon_id AND u.discount_currency = b.currency"
                + " AND u.status IN ('LOCKED', 'REDEEMED')"
                + " GROUP BY b.coupon_id, b.currency, b.spent_minor, b.budget_minor"
                + " HAVING b.spent_minor <> COALESCE(SUM(u.discount_minor), 0) OR COALESCE(SUM(u.discount_minor), 0) > b.budget_minor",
                rs -> "budget of coupon " + rs.getString(1) + " in " + rs.getString(2).trim() + " reserves " + rs.getLong(3)
                        + " (minor units) of " + rs.getLong(4) + " but its locked and redeemed usages took " + rs.getLong(5));
        query(c, problems, "SELECT u.id, u.status, COUNT(a.seq) FROM coupon_usage u LEFT JOIN coupon_audit a ON a.usage_id = u.id"
                + " GROUP BY u.id, u.status HAVING COUNT(a.seq) <> CASE WHEN u.status = 'LOCKED' THEN 1"
                + " WHEN u.status = 'REINSTATED' THEN 3 ELSE 2 END",
                rs -> "usage " + rs.getString(1) + " is " + rs.getString(2) + " but has " + rs.getLong(3) + " audit entries");
        query(c, problems, "SELECT a.coupon_id, a.n, COALESCE(o.n, 0) FROM"
                + " (SELECT coupon_id, COUNT(*) AS n FROM coupon_audit GROUP BY coupon_id) a"
                + " LEFT JOIN (SELECT coupon_id, COUNT(*) AS n FROM coupon_outbox GROUP BY coupon_id) o ON o.coupon_id = a.coupon_id"
                + " WHERE a.n <> COALESCE(o.n, 0)",
                rs -> "coupon " + rs.getString(1) + " has " + rs.getLong(2) + " audit entries but " + rs.getLong(3) + " events");
        // a usage row is state; its hash-chained audit entries are the record: what they say wins
        query(c, problems, "SELECT u.id, u.order_id, a.detail FROM coupon_usage u JOIN coupon_audit a ON a.usage_id = u.id"
                + " AND a.action IN ('USAGE_REDEEMED', 'USAGE_REINSTATED') WHERE u.status NOT IN ('REDEEMED', 'REINSTATED')"
                + " OR u.order_id IS NULL OR (a.action = 'USAGE_REINSTATED' AND u.status <> 'REINSTATED')"
                + " OR a.detail <> 'checkout=' || u.checkout_id || ' order=' || u.order_id",
                rs -> "usage " + rs.getString(1) + " says order " + rs.getString(2) + " but its audit entry says '"
                        + rs.getString(3) + "'");
        query(c, problems, "SELECT u.id, u.user_id, a.detail FROM coupon_usage u JOIN coupon_audit a ON a.usage_id = u.id"
                + " AND a.action = 'USAGE_LOCKED' WHERE LEFT(a.detail, LENGTH('checkout=' || u.checkout_id || ' user=' || u.user_id"
                + " || ' ')) <> 'checkout=' || u.checkout_id || ' user=' || u.user_id || ' '",
                rs -> "usage " + rs.getString(1) + " says customer " + rs.getString(2) + " but its audit entry says '"
                        + rs.getString(3) + "'");
        query(c, problems, "SELECT o.coupon_id, COUNT(*) FROM coupon_outbox o WHERE NOT EXISTS"
                + " (SELECT 1 FROM coupon_audit a WHERE a.coupon_id = o.coupon_id) GROUP BY o.coupon_id",
                rs -> "coupon " + rs.getString(1) + " has " + rs.getLong(2) + " events but no audit entries");
        // no foreign key ties these rows to their coupon (schema version 10): the ledger writes them only
        // for a coupon whose counter row it holds locked, and this says so
        for (String table : LeanCheckoutRows.UNCHECKED_TABLES) {
            query(c, problems, "SELECT t.coupon_id, COUNT(*) FROM " + table + " t WHERE NOT EXISTS"
                    + " (SELECT 1 FROM coupon k WHERE k.id = t.coupon_id) GROUP BY t.coupon_id",
                    rs -> table + " holds " + rs.getLong(2) + " rows of coupon " + rs.getString(1) + ", which does not exist");
        }
        query(c, problems, "SELECT k.id FROM coupon k WHERE NOT EXISTS (SELECT 1 FROM coupon_counter c WHERE c.coupon_id = k.id)",
                rs -> "coupon " + rs.getString(1) + " has no ledger counter, so the ledger holds no limits for it");
        query(c, problems, "SELECT k.id, k.max_total_uses, k.max_uses_per_user, c.max_total_uses, c.max_uses_per_user"
                + " FROM coupon k JOIN coupon_counter c ON c.coupon_id = k.id"
                + " WHERE COALESCE(k.max_total_uses, -1) <> COALESCE(c.max_total_uses, -1)"
                + " OR COALESCE(k.max_uses_per_user, -1) <> COALESCE(c.max_uses_per_user, -1)",
                rs -> "coupon " + rs.getString(1) + " defines limits " + rs.getString(2) + " total / " + rs.getString(3)
                        + " per customer but the ledger holds " + rs.getString(4) + " / " + rs.getString(5));
        return problems;
    }

    private static List<CouponId> couponIds(Connection c) throws SQLException {
        List<CouponId> ids = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT id FROM coupon ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(CouponId.of(rs.getString(1)));
            }
        }
        return ids;
    }

    /** Formats one result row as a problem. */
    @FunctionalInterface
    private interface Row {
        String describe(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, List<String> problems, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                problems.add(row.describe(rs));
            }
        }
    }
}
