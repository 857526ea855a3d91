package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.timestamp;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read models: tables derived from the source tables for the queries a shop runs often, kept in
 * the transaction of every change (so they are never behind), and rebuilt from the source tables
 * on demand with identical rows.
 *
 * <ul>
 *   <li>{@code coupon_active_code}: the ACTIVE coupons by code, what checkout looks up;
 *   <li>{@code coupon_user_usage}: per customer and coupon, how many usages are locked, redeemed,
 *       released and reinstated, and the last time one changed;
 *   <li>{@code coupon_seller}: the coupons scoped to each seller, with their status.
 * </ul>
 *
 * <p>Thread-safe. {@link #rebuild()} is a maintenance operation: run it while nothing writes (after
 * restoring a backup, or when {@link #differences()} reports rows that drifted).
 */
public final class JdbcReadModels {

    /**
     * An ACTIVE coupon as checkout looks it up.
     *
     * @param code the code
     * @param couponId the coupon
     * @param discountType PERCENT, FIXED or SHIPPING
     * @param validFrom start of validity
     * @param validUntil end of validity, or null
     * @param version the coupon's version
     */
    public record ActiveCoupon(CouponCode code, CouponId couponId, String discountType, Instant validFrom, Instant validUntil,
            long version) {}

    /**
     * One customer's usage of one coupon.
     *
     * @param userId the customer
     * @param couponId the coupon
     * @param locked usages locked now
     * @param redeemed usages redeemed
     * @param released usages released
     * @param reinstated usages redeemed and then given back when their order was cancelled (no longer in {@code redeemed})
     * @param lastAt when one of them last changed
     */
    public record UserUsage(UserId userId, CouponId couponId, long locked, long redeemed, long released, long reinstated,
            Instant lastAt) {}

    /**
     * A coupon scoped to a seller.
     *
     * @param sellerId the seller
     * @param couponId the coupon
     * @param code its code
     * @param status its status
     */
    public record SellerCoupon(SellerId sellerId, CouponId couponId, CouponCode code, CouponStatus status) {}

    /**
     * Every row of the three read models, in a fixed order: two snapshots are equal exactly when the
     * tables hold the same rows.
     *
     * @param activeCoupons {@code coupon_active_code}, by code
     * @param userUsages {@code coupon_user_usage}, by customer then coupon
     * @param sellerCoupons {@code coupon_seller}, by seller then coupon
     */
    public record Snapshot(List<ActiveCoupon> activeCoupons, List<UserUsage> userUsages, List<SellerCoupon> sellerCoupons) {}

    private final Tx tx;

    JdbcReadModels(Tx tx) {
        this.tx = tx;
    }

    /**
     * @param code a code
     * @return the ACTIVE coupon with that code, if there is one
     */
    public Optional<ActiveCoupon> activeByCode(CouponCode code) {
        Checks.notNull(code, "code");
        return tx.run(c -> {
            List<ActiveCoupon> rows = activeCoupons(c, " WHERE code = ?", code.value());
            return rows.isEmpty() ? Optional.<ActiveCoupon>empty() : Optional.of(rows.get(0));
        }, false);
    }

    /**
     * @param userId a customer
     * @return the customer's usage of each coupon used, by coupon id
     */
    public List<UserUsage> usageOf(UserId userId) {
        Checks.notNull(userId, "userId");
        return tx.run(c -> userUsages(c, " WHERE user_id = ?", userId.value()), false);
    }

    /**
     * @param sellerId a seller
     * @return the coupons scoped to the seller, by coupon id
     */
    public List<SellerCoupon> couponsOf(SellerId sellerId) {
        Checks.notNull(sellerId, "sellerId");
        return tx.run(c -> sellerCoupons(c, " WHERE seller_id = ?", sellerId.value()), false);
    }

    /** @return every row of the read models, read in one transaction */
    public Snapshot snapshot() {
        return tx.run(JdbcReadModels::snapshot, false);
    }

    /**
     * Derives the read models from the source tables, without changing them, in one transaction.
     *
     * @return the rows a rebuild would write
     */
    public Snapshot derived() {
        return tx.run(c -> {
            rebuild(c);
            Snapshot derived = snapshot(c);
            // a look, not a change: the rebuilt rows are read, then undone
            c.rollback();
            return derived;
        }, false);
    }

    /**
     * @return a description of each way the maintained read models differ from what the source tables
     *     give; empty when they agree
     */
    public List<String> differences() {
        Snapshot maintained = snapshot();
        Snapshot derived = derived();
        List<String> differences = new ArrayList<>();
        compare("coupon_active_code", maintained.activeCoupons(), derived.activeCoupons(), differences);
        compare("coupon_user_usage", maintained.userUsages(), derived.userUsages(), differences);
        compare("coupon_seller", maintained.sellerCoupons(), derived.sellerCoupons(), differences);
        return differences;
    }

    /**
     * Replaces the read models with rows derived from the source tables, in one transaction.
     *
     * @return the rows written
     */
    public Snapshot rebuild() {
        return tx.run(c -> {
            rebuild(c);
            return snapshot(c);
        }, false);
    }

    private static <T> void compare(String table, List<T> maintained, List<T> derived, List<String> differences) {
        // sets to look rows up in (rows are records): a list's contains made this quadratic in the rows
        java.util.Set<T> derivedRows = new java.util.HashSet<>(derived);
        java.util.Set<T> maintainedRows = new java.util.HashSet<>(maintained);
        for (T row : maintained) {
            if (!derivedRows.contains(row)) {
                differences.add(table + ": maintained row not in the source tables: " + row);
            }
        }
        for (T row : derived) {
            if (!maintainedRows.contains(row)) {
                differences.add(table + ": row missing from the read model: " + row);
            }
        }
    }

    private static void rebuild(Connection c) throws SQLException {
        update(c, "DELETE FROM coupon_active_code");
        update(c, "DELETE FROM coupon_user_usage");
        update(c, "DELETE FROM coupon_seller");
        update(c, "INSERT INTO coupon_active_code (code, coupon_id, discount_type, valid_from, valid_until, version)"
                + " SELECT code, id, discount_type, valid_from, valid_until, version FROM coupon WHERE status = 'ACTIVE'");
        update(c, "INSERT INTO coupon_user_usage (user_id, coupon_id, locked, redeemed, released, reinstated, last_at)"
                + " SELECT user_id, coupon_id,"
                + " SUM(CASE WHEN status = 'LOCKED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'REDEEMED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'RELEASED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'REINSTATED' THEN 1 ELSE 0 END),"
                + " MAX(CASE WHEN reinstated_at IS NOT NULL THEN reinstated_at"
                + " WHEN closed_at IS NOT NULL AND closed_at > locked_at THEN closed_at ELSE locked_at END)"
                + " FROM coupon_usage GROUP BY user_id, coupon_id");
        List<CouponRecord> scoped = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT id, status, definition FROM coupon ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CouponDefinition d = Codecs.decodeDefinition(rs.getString("definition"));
                if (!d.eligibility().scope().sellers().isEmpty()) {
                    scoped.add(new CouponRecord(CouponId.of(rs.getString("id")), d, CouponStatus.valueOf(rs.getString("status")),
                            1, Instant.EPOCH, Instant.EPOCH));
                }
            }
        }
        for (CouponRecord r : scoped) {
            insertSellers(c, r);
        }
    }

    private static Snapshot snapshot(Connection c) throws SQLException {
        return new Snapshot(activeCoupons(c, " ORDER BY code"), userUsages(c, " ORDER BY user_id, coupon_id"),
                sellerCoupons(c, " ORDER BY seller_id, coupon_id"));
    }

    private static List<ActiveCoupon> activeCoupons(Connection c, String where, Object... params) throws SQLException {
        List<ActiveCoupon> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT code, coupon_id, discount_type, valid_from, valid_until, version"
                + " FROM coupon_active_code" + where, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ActiveCoupon(CouponCode.parse(rs.getString("code")), CouponId.of(rs.getString("coupon_id")),
                        rs.getString("discount_type"), Sql.instant(rs, "valid_from"), Sql.instant(rs, "valid_until"),
                        rs.getLong("version")));
            }
        }
        return List.copyOf(rows);
    }

    private static List<UserUsage> userUsages(Connection c, String where, Object... params) throws SQLException {
        List<UserUsage> rows = new ArrayList<>();
        String order = where.contains("ORDER BY") ? "" : " ORDER BY coupon_id";
        try (PreparedStatement ps = prepare(c, "SELECT user_id, coupon_id, locked, redeemed, released, reinstated, last_at"
                + " FROM coupon_user_usage" + where + order, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new UserUsage(UserId.of(rs.getString("user_id")), CouponId.of(rs.getString("coupon_id")),
                        rs.getLong("locked"), rs.getLong("redeemed"), rs.getLong("released"), rs.getLong("reinstated"),
                        Sql.instant(rs, "last_at")));
            }
        }
        return List.copyOf(rows);
    }

    private static List<SellerCoupon> sellerCoupons(Connection c, String where, Object... params) throws SQLException {
        List<SellerCoupon> rows = new ArrayList<>();
        String order = where.contains("ORDER BY") ? "" : " ORDER BY coupon_id";
        try (PreparedStatement ps = prepare(c, "SELECT seller_id, coupon_id, code, status FROM coupon_seller" + where + order,
                params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new SellerCoupon(SellerId.of(rs.getString("seller_id")), CouponId.of(rs.getString("coupon_id")),
                        CouponCode.parse(rs.getString("code")), CouponStatus.valueOf(rs.getString("status"))));
            }
        }
        return List.copyOf(rows);
    }

    // ---- maintenance within the transaction of a change ----

    /** Brings the coupon read models in line with a coupon just saved. */
    static void project(Connection c, CouponRecord stored, boolean isNew) throws SQLException {
        CouponDefinition d = stored.definition();
        if (!isNew) {
            update(c, "DELETE FROM coupon_active_code WHERE coupon_id = ?", stored.id().value());
        }
        if (stored.status() == CouponStatus.ACTIVE) {
            update(c, "INSERT INTO coupon_active_code (code, coupon_id, discount_type, valid_from, valid_until, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", d.code().value(), stored.id().value(), d.discount().type().name(),
                    d.validity().validFrom(), timestamp(d.validity().validUntil()), stored.version());
        }
        if (isNew) {
            insertSellers(c, stored);
        } else {
            update(c, "UPDATE coupon_seller SET status = ? WHERE coupon_id = ?", stored.status().name(), stored.id().value());
        }
    }

    private static void insertSellers(Connection c, CouponRecord r) throws SQLException {
        for (SellerId seller : r.definition().eligibility().scope().sellers()) {
            update(c, "INSERT INTO coupon_seller (seller_id, coupon_id, code, status) VALUES (?, ?, ?, ?)", seller.value(),
                    r.id().value(), r.definition().code().value(), r.status().name());
        }
    }

    /**
     * Changes to the per-customer usage rows of one coupon, summed per customer and written once
     * each: one usage alone, or a whole combined transaction's. Not thread-safe; one per transaction.
     */
    static final class UsageDeltas {
        private final CouponId coupon;
        private final Map<String, long[]> byUser = new LinkedHashMap<>(); // locked, redeemed, released, reinstated
        private final Map<String, Instant> lastAt = new HashMap<>();

        UsageDeltas(CouponId coupon) {
            this.coupon = coupon;
        }

        /** @return this, with a new LOCKED usage counted */
        UsageDeltas locked(UsageRecord u) {
            byUser.computeIfAbsent(u.userId().value(), k -> new long[4])[0]++;
            seen(u.userId().value(), u.lockedAt());
            return this;
        }

        /**
         * @return this, with a usage just redeemed or released moved from locked to its status, or one
         *     just reinstated moved from redeemed to reinstated
         */
        UsageDeltas closed(UsageRecord u) {
            long[] d = byUser.computeIfAbsent(u.userId().value(), k -> new long[4]);
            Instant at = switch (u.status()) {
                case REDEEMED, RELEASED -> {
                    d[0]--;
                    d[u.status() == UsageStatus.REDEEMED ? 1 : 2]++;
                    yield u.closedAt().isAfter(u.lockedAt()) ? u.closedAt() : u.lockedAt();
                }
                case REINSTATED -> {
                    d[1]--;
                    d[3]++;
                    yield u.reinstatedAt();
                }
                case LOCKED -> throw new IllegalArgumentException("usage " + u.id() + " is not closed");
            };
            seen(u.userId().value(), at);
            return this;
        }

        private void seen(String user, Instant at) {
            lastAt.merge(user, at, (a, b) -> a.isAfter(b) ? a : b);
        }

        /**
         * Adds to a PostgreSQL script the one statement that writes these changes: each customer's row
         * moved by its deltas, then, in the same statement, a row inserted for each customer the update
         * did not find (a customer seen for the first time; the update's returned keys say which, so no
         * second look-up of the key). The table's checks ({@code locked >= 0}) fail the transaction when a
         * closing finds no row or nothing locked: the read model then disagrees with the usages ({@link
         * JdbcReadModels#rebuild()} repairs it). A concurrent first insert of the same row fails on the
         * primary key and the transaction is run again. ({@code INSERT ... ON CONFLICT DO UPDATE} cannot
         * do this: PostgreSQL checks the row it proposes to insert, a closing's negative deltas, before it
         * finds the conflict.)
         *
         * @param script the script of the changes' transaction
         */
        void upsert(Sql.Script script) {
            List<String> users = new ArrayList<>(new TreeSet<>(byUser.keySet()));
            String insert = " INSERT INTO coupon_user_usage (user_id, coupon_id, locked, redeemed, released, reinstated, last_at)";
            if (users.size() == 1) {
                // one customer (a command alone): plain parameters, the cheapest statement to run
                String user = users.get(0);
                long[] d = byUser.get(user);
                Instant at = lastAt.get(user);
                script.update("WITH moved AS (UPDATE coupon_user_usage SET locked = locked + ?, redeemed = redeemed + ?,"
                        + " released = released + ?, reinstated = reinstated + ?, last_at = GREATEST(last_at, ?)"
                        + " WHERE coupon_id = ? AND user_id = ? RETURNING 1)" + insert
                        + " SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
                        + " CAST(? AS BIGINT), ? WHERE NOT EXISTS (SELECT 1 FROM moved)",
                        d[0], d[1], d[2], d[3], at, coupon.value(), user, user, coupon.value(), d[0], d[1], d[2], d[3], at);
                return;
            }
            // arrays, in customer order, so the statement is the same for any number of customers
            script.update("WITH v AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],"
                    + " ?::timestamptz[]) AS v(user_id, coupon_id, l, r, x, g, at)),"
                    + " moved AS (UPDATE coupon_user_usage t SET locked = t.locked + v.l, redeemed = t.redeemed + v.r,"
                    + " released = t.released + v.x, reinstated = t.reinstated + v.g, last_at = GREATEST(t.last_at, v.at) FROM v"
                    + " WHERE t.coupon_id = v.coupon_id AND t.user_id = v.user_id RETURNING t.user_id)" + insert
                    + " SELECT v.user_id, v.coupon_id, v.l, v.r, v.x, v.g, v.at FROM v WHERE v.user_id NOT IN (SELECT user_id FROM moved)",
                    Sql.array("varchar", users), Sql.array("varchar", java.util.Collections.nCopies(users.size(), coupon.value())),
                    Sql.array("int8", users.stream().map(u -> byUser.get(u)[0]).toList()),
                    Sql.array("int8", users.stream().map(u -> byUser.get(u)[1]).toList()),
                    Sql.array("int8", users.stream().map(u -> byUser.get(u)[2]).toList()),
                    Sql.array("int8", users.stream().map(u -> byUser.get(u)[3]).toList()),
                    Sql.array("timestamptz", users.stream().map(lastAt::get).toList()));
        }

        /**
         * Updates each customer's row, never taking {@code locked} below zero; inserts the rows of
         * customers seen for the first time; as JDBC batches, for H2 (PostgreSQL writes the same through
         * {@link #upsert}). A closing whose row is missing or has nothing locked means the read model
         * disagrees with the usages.
         */
        void write(Connection c) throws SQLException {
            List<String> users = new ArrayList<>(new TreeSet<>(byUser.keySet()));
            List<Object[]> updates = new ArrayList<>();
            for (String user : users) {
                long[] d = byUser.get(user);
                Instant at = lastAt.get(user);
                updates.add(new Object[] {d[0], d[1], d[2], d[3], at, at, coupon.value(), user, d[0], d[1]});
            }
            int[] counts = Sql.batch(c, "UPDATE coupon_user_usage SET locked = locked + ?, redeemed = redeemed + ?,"
                    + " released = released + ?, reinstated = reinstated + ?, last_at = CASE WHEN last_at < ? THEN ? ELSE last_at END"
                    + " WHERE coupon_id = ? AND user_id = ? AND locked + ? >= 0 AND redeemed + ? >= 0", updates);
            List<Object[]> inserts = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                if (counts[i] == 0) {
                    long[] d = byUser.get(users.get(i));
                    if (d[0] < 0 || d[1] != 0 || d[2] != 0 || d[3] != 0) {
                        throw new StorageException("the usage read model of customer " + users.get(i) + " and coupon " + coupon
                                + " disagrees with its usages; run JdbcReadModels.rebuild()");
                    }
                    // a concurrent first insert fails on the primary key and the transaction is run again
                    inserts.add(new Object[] {users.get(i), coupon.value(), d[0], 0L, 0L, 0L, lastAt.get(users.get(i))});
                } else if (counts[i] != 1 && counts[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                    throw new StorageException("the usage read model of coupon " + coupon + " has duplicate rows");
                }
            }
            Sql.batch(c, "INSERT INTO coupon_user_usage (user_id, coupon_id, locked, redeemed, released, reinstated, last_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", inserts);
        }
    }
}
