package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads table {@code coupon_audit}, which the other stores append to in their own transactions and
 * nothing updates or deletes (on PostgreSQL a trigger refuses it). Thread-safe.
 */
public final class JdbcAuditTrail implements AuditTrail {

    private final Tx tx;

    JdbcAuditTrail(Tx tx) {
        this.tx = tx;
    }

    @Override
    public List<AuditEntry> byCoupon(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return query("coupon_id", couponId.value());
    }

    @Override
    public List<AuditEntry> byUsage(UsageId usageId) {
        Checks.notNull(usageId, "usageId");
        return query("usage_id", usageId.value());
    }

    private List<AuditEntry> query(String column, String value) {
        return tx.run(c -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, "SELECT seq, coupon_id, usage_id, action, actor, reason, detail, at"
                    + " FROM coupon_audit WHERE " + column + " = ? ORDER BY seq", value);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String usage = rs.getString("usage_id");
                    entries.add(new AuditEntry(rs.getLong("seq"), CouponId.of(rs.getString("coupon_id")),
                            usage == null ? null : UsageId.of(usage), AuditAction.valueOf(rs.getString("action")),
                            Actor.of(rs.getString("actor")), rs.getString("reason"), rs.getString("detail"),
                            Sql.instant(rs, "at")));
                }
            }
            return List.copyOf(entries);
        }, false);
    }
}
