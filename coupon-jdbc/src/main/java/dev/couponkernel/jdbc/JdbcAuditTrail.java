package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads table {@code coupon_audit}, which the other stores append to in their own transactions and
 * nothing updates or deletes (on PostgreSQL a trigger refuses it). Each coupon's entries form a hash
 * chain whose head (length and last hash) is kept in {@code coupon_audit_head}; {@link #verify}
 * checks both, so it also finds entries removed from the end of a chain. Thread-safe.
 */
public final class JdbcAuditTrail implements AuditTrail {

    private final Tx tx;

    JdbcAuditTrail(Tx tx) {
        this.tx = tx;
    }

    @Override
    public List<AuditEntry> byCoupon(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return query(Trail.COUPON, couponId.value());
    }

    @Override
    public List<AuditEntry> byUsage(UsageId usageId) {
        Checks.notNull(usageId, "usageId");
        return query(Trail.USAGE, usageId.value());
    }

    /** The newest entry's chain position, through the key {@code (coupon_id, chain_pos)}. */
    @Override
    public long size(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(c -> newest(c, couponId), false);
    }

    /** The newest stored entry's chain position, 0 without entries. */
    private static long newest(Connection c, CouponId couponId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT MAX(chain_pos) FROM coupon_audit WHERE coupon_id = ?",
                couponId.value()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A range of chain positions (position p is chain position p + 1), through the key {@code (coupon_id, chain_pos)}. */
    @Override
    public List<AuditEntry> page(CouponId couponId, long from, int max) {
        AuditTrail.checkPage(couponId, from, max);
        return tx.run(c -> read(Sql.prepare(c, RANGE, couponId.value(), from, AuditTrail.end(from, max))), false);
    }

    /**
     * Checks the coupon's chain entry by entry, then against its head: an entry changed, removed,
     * inserted or reordered is named by its sequence, and entries removed from the end are reported
     * as missing. The head is read first and the entries up to it after, a page of {@value
     * AuditTrail#MAX_PAGE} at a time, so memory stays flat in the trail's length and entries a
     * concurrent checkout appends meanwhile (after the head that was read) are not mistaken for a
     * broken chain. One transaction.
     */
    @Override
    public AuditVerification verify(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(c -> {
            Long headEntries = null;
            String headHash = AuditChain.GENESIS;
            try (PreparedStatement ps = Sql.prepare(c, "SELECT entries, last_hash FROM coupon_audit_head WHERE coupon_id = ?",
                    couponId.value()); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    headEntries = rs.getLong(1);
                    headHash = rs.getString(2);
                }
            }
            boolean stored;
            try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM coupon WHERE id = ?", couponId.value());
                    ResultSet rs = ps.executeQuery()) {
                stored = rs.next();
            }
            return AuditChain.verifyInPages(couponId, headEntries, headHash, stored, (from, to, verifier) -> {
                int rows = 0;
                try (PreparedStatement ps = Sql.prepare(c, RANGE, couponId.value(), from, to); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        if (!verifier.acceptStored(rs.getLong("seq"), () -> entry(rs))) {
                            break;
                        }
                    }
                }
                return rows;
            }, () -> {
                long storedEntries = newest(c, couponId);
                try (PreparedStatement ps = Sql.prepare(c, "SELECT entries FROM coupon_audit_head WHERE coupon_id = ?",
                        couponId.value()); ResultSet rs = ps.executeQuery()) {
                    return new AuditChain.Tail(storedEntries, rs.next() ? rs.getLong(1) : 0);
                }
            });
        }, false);
    }

    /**
     * The two trails, each read through an index in its order: a coupon's in chain order (its unique
     * key; the same order as the sequence within one coupon, since entries are numbered under the lock
     * of the coupon's audit head), a usage's by sequence.
     */
    private enum Trail {
        COUPON("coupon_id", "chain_pos"),
        USAGE("usage_id", "seq");

        final String column;
        final String order;

        Trail(String column, String order) {
            this.column = column;
            this.order = order;
        }
    }

    private List<AuditEntry> query(Trail trail, String value) {
        return tx.run(c -> query(c, trail, value), false);
    }

    /** A stored row that no longer reads as an entry (a tampered value): verification names it. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int index;
        final long sequence;

        Unreadable(int index, long sequence, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
            this.sequence = sequence;
        }
    }

    /**
     * Reads the entry of the current row of a result with the columns of {@code coupon_audit}.
     *
     * @throws RuntimeException (an {@code InvalidInputException} or {@code IllegalArgumentException})
     *     for a row that no longer reads as an entry
     */
    static AuditEntry entry(ResultSet rs) throws SQLException {
        return entry(rs, "");
    }

    /** The same, from columns whose names carry a prefix (an entry joined to another table's row). */
    static AuditEntry entry(ResultSet rs, String prefix) throws SQLException {
        String usage = rs.getString(prefix + "usage_id");
        return new AuditEntry(rs.getLong(prefix + "seq"), CouponId.of(rs.getString(prefix + "coupon_id")),
                usage == null ? null : UsageId.of(usage), AuditAction.valueOf(rs.getString(prefix + "action")),
                Actor.of(rs.getString(prefix + "actor")), rs.getString(prefix + "reason"), rs.getString(prefix + "detail"),
                Sql.instant(rs, prefix + "at"), rs.getString(prefix + "prev_hash"), rs.getString(prefix + "hash"));
    }

    private static final String SELECT = "SELECT seq, coupon_id, usage_id, action, actor, reason, detail, at, prev_hash, hash"
            + " FROM coupon_audit";

    /** A coupon's entries in a range of chain positions (after the first parameter, up to the second), in chain order. */
    private static final String RANGE = SELECT + " WHERE coupon_id = ? AND chain_pos > ? AND chain_pos <= ? ORDER BY chain_pos";

    private static List<AuditEntry> query(Connection c, Trail trail, String value) throws SQLException {
        return read(Sql.prepare(c, SELECT + " WHERE " + trail.column + " = ? ORDER BY " + trail.order, value));
    }

    /** Runs a query of {@link #SELECT}'s columns and reads its entries; closes the statement. */
    private static List<AuditEntry> read(PreparedStatement statement) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = statement; ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong("seq");
                try {
                    entries.add(entry(rs));
                } catch (RuntimeException e) {
                    throw new Unreadable(entries.size(), seq, e);
                }
            }
        }
        return List.copyOf(entries);
    }
}
