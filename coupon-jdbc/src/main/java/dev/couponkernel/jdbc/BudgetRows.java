package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.spi.ledger.LedgerState;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of table {@code coupon_budget} a coupon's limits give it, and what its usages reserve:
 * written when a coupon is saved new and when its limits change, each time while its counter row is
 * held, as {@code LedgerRules.budgetRows} decides them. Stateless.
 */
final class BudgetRows {

    private BudgetRows() {}

    /**
     * In each currency, the discounts the coupon's locked and redeemed usages said. Call with the
     * coupon's counter row locked: every lock and release of the coupon holds it too.
     */
    static Map<Currency, Money> reserved(Connection c, CouponId coupon) throws SQLException {
        Map<Currency, Money> sums = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT discount_currency, SUM(discount_minor) FROM coupon_usage"
                + " WHERE coupon_id = ? AND status IN ('LOCKED', 'REDEEMED') AND discount_currency IS NOT NULL"
                + " GROUP BY discount_currency", coupon.value()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Currency currency = Currency.getInstance(rs.getString(1).trim());
                sums.put(currency, Money.ofMinor(rs.getLong(2), currency));
            }
        }
        return sums;
    }

    /** Replaces the coupon's budget rows with these. Call with the coupon's counter row locked. */
    static void replace(Connection c, CouponId coupon, Map<Currency, LedgerState.Budget> rows) throws SQLException {
        Sql.update(c, "DELETE FROM coupon_budget WHERE coupon_id = ?", coupon.value());
        insert(c, coupon, rows);
    }

    /**
     * Inserts a new coupon's budget rows; no statement at all for a coupon without a budget (so a
     * schema before version 7 can still store coupons without one, as the upgrade tests do).
     */
    static void insert(Connection c, CouponId coupon, Map<Currency, LedgerState.Budget> rows) throws SQLException {
        List<Object[]> inserts = rows.values().stream().map(b -> new Object[] {coupon.value(), b.limit().currency().getCurrencyCode(),
            b.limit().minorUnits(), b.spent().minorUnits()}).toList();
        if (!inserts.isEmpty()) {
            Sql.batch(c, "INSERT INTO coupon_budget (coupon_id, currency, budget_minor, spent_minor) VALUES (?, ?, ?, ?)", inserts);
        }
    }
}
