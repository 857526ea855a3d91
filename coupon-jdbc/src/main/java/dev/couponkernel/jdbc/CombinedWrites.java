package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The combined transaction: many locks, redeems and releases of one coupon in one transaction, with
 * the same rows, audit entries and events as when each runs alone. It takes the same row locks in
 * the same order as the single operations (checkout rows sorted by id, their usage rows, the coupon's
 * counter, the customers' counters, the audit head), so it cannot deadlock with them; it decides
 * each operation while holding the counter row, exactly as the single lock does. Anything unusual
 * (a replayed lock, a closed or reused checkout, a checkout with usages of other coupons or of
 * another customer, an expired
 * lock, a coupon without a counter) is not decided here but handed back to run alone afterwards.
 * Stateless.
 */
final class CombinedWrites {

    /** A lock. */
    record LockOp(LockRequest request) {}

    /** A redeem of a checkout holding one usage, of this coupon, for a customer (null: unchecked). */
    record RedeemOp(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor) {}

    /** A release of a checkout holding one usage, of this coupon, for a customer (null: unchecked). */
    record ReleaseOp(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor) {}

    /** Marks an operation to be run on its own after the combined transaction. */
    static final Object ALONE = new Object();

    private final boolean postgres;

    CombinedWrites(boolean postgres) {
        this.postgres = postgres;
    }

    /**
     * Runs the operations in the caller's transaction.
     *
     * @return each operation's result, or {@link #ALONE}
     */
    List<Object> run(Connection c, CouponId coupon, List<Object> ops) throws SQLException {
        int n = ops.size();
        Object[] results = new Object[n];
        // a checkout twice in one batch runs alone after it, so each checkout is decided once here
        Set<String> seen = new HashSet<>();
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (seen.add(checkout(ops.get(i)).value())) {
                live.add(i);
            } else {
                results[i] = ALONE;
            }
        }
        TreeSet<String> checkouts = new TreeSet<>();
        List<Object[]> newCheckouts = new ArrayList<>();
        for (int i : live) {
            checkouts.add(checkout(ops.get(i)).value());
        }
        for (String id : checkouts) {
            newCheckouts.add(postgres ? new Object[] {id} : new Object[] {id, id});
        }
        if (postgres) {
            keyLookupsOnly(c);
        }
        if (postgres) {
            Sql.updateArrays(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) SELECT id, NULL FROM unnest(?::varchar[]) AS v(id)"
                    + " ON CONFLICT (checkout_id) DO NOTHING", new String[] {"varchar"}, newCheckouts);
        } else {
            Sql.batch(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) SELECT CAST(? AS VARCHAR(128)), NULL FROM (VALUES (1))"
                    + " WHERE NOT EXISTS (SELECT 1 FROM coupon_checkout WHERE checkout_id = ?)", newCheckouts);
        }
        Map<String, Boolean> closed = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, lockCheckouts(postgres, checkouts.size()), checkouts);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                closed.put(rs.getString(1), rs.getObject(2) != null);
            }
        }
        Map<String, List<UsageRecord>> usages = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, lockUsagesOfCheckouts(postgres, checkouts.size()), checkouts);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UsageRecord u = JdbcUsageLedger.read(rs);
                usages.computeIfAbsent(u.checkoutId().value(), k -> new ArrayList<>()).add(u);
            }
        }

        // what each operation would do, checked the way the single operations check it
        List<Integer> locks = new ArrayList<>();
        Map<Integer, UsageRecord> closing = new LinkedHashMap<>();
        for (int i : live) {
            Object op = ops.get(i);
            String id = checkout(op).value();
            List<UsageRecord> held = usages.getOrDefault(id, List.of());
            if (op instanceof LockOp l) {
                boolean mine = held.stream().anyMatch(u -> u.couponId().equals(coupon));
                boolean foreign = held.stream().anyMatch(u -> !u.userId().equals(l.request().userId()));
                if (mine || foreign || !closed.containsKey(id) || closed.get(id) || !l.request().couponId().equals(coupon)) {
                    results[i] = ALONE;
                } else {
                    locks.add(i);
                }
            } else {
                UsageRecord only = held.size() == 1 ? held.get(0) : null;
                UserId customer = op instanceof RedeemOp r ? r.customer() : ((ReleaseOp) op).customer();
                boolean simple = only != null && only.couponId().equals(coupon) && only.status() == UsageStatus.LOCKED
                        && !Boolean.TRUE.equals(closed.get(id)) && (customer == null || only.userId().equals(customer));
                if (simple && op instanceof RedeemOp r) {
                    simple = RedeemResult.decide(r.checkoutId(), held, r.customer(), r.orderId(), r.at()) == RedeemResult.Status.REDEEMED;
                }
                if (simple) {
                    closing.put(i, only);
                } else {
                    results[i] = ALONE;
                }
            }
        }

        boolean touchesCounter = !locks.isEmpty() || closing.keySet().stream().anyMatch(i -> ops.get(i) instanceof ReleaseOp);
        long used = 0;
        Long maxTotal = null;
        Long maxPerUser = null;
        CouponStatus status = null;
        if (touchesCounter) {
            boolean found = false;
            try (PreparedStatement ps = prepare(c, "SELECT used, max_total_uses, max_uses_per_user FROM coupon_counter"
                    + " WHERE coupon_id = ? FOR UPDATE", coupon.value()); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    found = true;
                    used = rs.getLong(1);
                    maxTotal = Sql.nullableLong(rs, "max_total_uses");
                    maxPerUser = Sql.nullableLong(rs, "max_uses_per_user");
                }
            }
            if (!found) {
                for (int i : locks) {
                    results[i] = ALONE;
                }
                locks.clear();
            }
            // read under the counter row, which every status change locks first
            try (PreparedStatement ps = prepare(c, "SELECT status FROM coupon WHERE id = ?", coupon.value());
                    ResultSet rs = ps.executeQuery()) {
                status = rs.next() ? CouponStatus.valueOf(rs.getString(1)) : null;
            }
        }

        // customer counters of everyone involved, locked in id order
        TreeSet<String> users = new TreeSet<>();
        for (int i : locks) {
            users.add(((LockOp) ops.get(i)).request().userId().value());
        }
        for (Map.Entry<Integer, UsageRecord> e : closing.entrySet()) {
            if (ops.get(e.getKey()) instanceof ReleaseOp) {
                users.add(e.getValue().userId().value());
            }
        }
        Map<String, Long> userUsed = new HashMap<>();
        if (!users.isEmpty()) {
            try (PreparedStatement ps = byKeys(c, "SELECT user_id, used FROM coupon_user_counter WHERE user_id " + keys(postgres, users.size())
                    + " AND coupon_id = ? ORDER BY user_id FOR UPDATE", users, coupon.value()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    userUsed.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Set<String> hadRow = new HashSet<>(userUsed.keySet());
        long usedBefore = used;
        Map<String, Long> userBefore = new HashMap<>(userUsed);

        List<CouponEvent> events = new ArrayList<>();
        List<Object[]> usageInserts = new ArrayList<>();
        List<Object[]> redeemUpdates = new ArrayList<>();
        List<Object[]> releaseUpdates = new ArrayList<>();
        List<Object[]> checkoutCloses = new ArrayList<>();
        JdbcReadModels.UsageDeltas readModel = new JdbcReadModels.UsageDeltas(coupon);

        // closings first: a release frees a use for the locks behind it
        for (Map.Entry<Integer, UsageRecord> e : closing.entrySet()) {
            int i = e.getKey();
            UsageRecord u = e.getValue();
            if (ops.get(i) instanceof RedeemOp r) {
                Instant at = Sql.micros(r.at());
                UsageRecord done = u.redeemed(r.orderId(), at);
                redeemUpdates.add(new Object[] {r.orderId().value(), at, u.id().value()});
                checkoutCloses.add(new Object[] {at, r.checkoutId().value()});
                readModel.closed(done);
                events.add(new CouponRedeemed(done.couponId(), done.code(), at, r.actor(), done.id(), done.userId(),
                        r.checkoutId(), r.orderId()));
                results[i] = new RedeemResult(RedeemResult.Status.REDEEMED, List.of(done));
            } else {
                ReleaseOp r = (ReleaseOp) ops.get(i);
                Instant at = Sql.micros(r.at());
                UsageRecord done = u.released(r.reason(), JdbcUsageLedger.closedAt(u, at));
                releaseUpdates.add(new Object[] {done.closedAt(), r.reason(), u.id().value()});
                checkoutCloses.add(new Object[] {at, r.checkoutId().value()});
                used--;
                String user = u.userId().value();
                Long before = userUsed.get(user);
                if (used < 0 || before == null || before < 1) {
                    throw new StorageException("the counters of coupon " + coupon + " disagree with its usages");
                }
                userUsed.put(user, before - 1);
                readModel.closed(done);
                events.add(new CouponReleased(done.couponId(), done.code(), done.closedAt(), r.actor(), done.id(), done.userId(),
                        r.checkoutId(), r.reason()));
                results[i] = new ReleaseResult(ReleaseResult.Status.RELEASED, List.of(done));
            }
        }

        for (int i : locks) {
            LockRequest r = ((LockOp) ops.get(i)).request();
            LockOutcome inactive = status == null
                    ? LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + coupon + " is not stored")
                    : LockOutcome.unlessActive(status, coupon);
            if (inactive != null) {
                results[i] = inactive;
                continue;
            }
            long max = LockOutcome.totalInForce(r.limits(), maxTotal);
            if (used >= max) {
                results[i] = LockOutcome.totalLimitReached(used, max);
                continue;
            }
            long perUser = LockOutcome.perUserInForce(r.limits(), maxPerUser);
            String user = r.userId().value();
            long mine = userUsed.getOrDefault(user, 0L);
            if (mine >= perUser) {
                results[i] = LockOutcome.userLimitReached(r.userId(), mine, perUser);
                continue;
            }
            used++;
            userUsed.put(user, mine + 1);
            LockRequest at = new LockRequest(r.couponId(), r.code(), r.userId(), r.checkoutId(), r.limits(), Sql.micros(r.at()),
                    Sql.micros(r.expiresAt()), r.actor());
            UsageRecord usage = UsageRecord.locked(UsageId.of(UUID.randomUUID().toString()), at);
            usageInserts.add(JdbcUsageLedger.insertRow(usage));
            readModel.locked(usage);
            events.add(new CouponApplied(usage.couponId(), usage.code(), at.at(), at.actor(), usage.id(), usage.userId(),
                    usage.checkoutId(), usage.expiresAt()));
            results[i] = LockOutcome.locked(usage);
        }

        // writes, each table once
        if (used != usedBefore) {
            update(c, "UPDATE coupon_counter SET used = ? WHERE coupon_id = ?", used, coupon.value());
        }
        List<Object[]> userUpdates = new ArrayList<>();
        List<Object[]> userInserts = new ArrayList<>();
        for (Map.Entry<String, Long> e : userUsed.entrySet()) {
            if (hadRow.contains(e.getKey())) {
                if (!e.getValue().equals(userBefore.get(e.getKey()))) {
                    userUpdates.add(new Object[] {e.getValue(), coupon.value(), e.getKey()});
                }
            } else {
                userInserts.add(new Object[] {coupon.value(), e.getKey(), e.getValue()});
            }
        }
        writeAll(c, "UPDATE coupon_user_counter SET used = ? WHERE coupon_id = ? AND user_id = ?",
                "UPDATE coupon_user_counter t SET used = v.used FROM unnest(?::int8[], ?::varchar[], ?::varchar[])"
                        + " AS v(used, coupon_id, user_id) WHERE t.coupon_id = v.coupon_id AND t.user_id = v.user_id",
                new String[] {"int8", "varchar", "varchar"}, userUpdates);
        writeAll(c, "INSERT INTO coupon_user_counter (coupon_id, user_id, used) VALUES (?, ?, ?)",
                "INSERT INTO coupon_user_counter (coupon_id, user_id, used) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int8[])",
                new String[] {"varchar", "varchar", "int8"}, userInserts);
        writeAll(c, JdbcUsageLedger.INSERT_USAGE, "INSERT INTO coupon_usage (" + JdbcUsageLedger.USAGE_COLUMNS + ") SELECT * FROM unnest("
                + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[],"
                + " ?::varchar[], ?::timestamptz[], ?::varchar[])", USAGE_TYPES, usageInserts);
        requireAll(redeemUpdates, writeAll(c, JdbcUsageLedger.REDEEM_USAGE,
                "UPDATE coupon_usage t SET status = 'REDEEMED', order_id = v.order_id, closed_at = v.at"
                        + " FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[]) AS v(order_id, at, id)"
                        + " WHERE t.id = v.id AND t.status = 'LOCKED'",
                new String[] {"varchar", "timestamptz", "varchar"}, redeemUpdates));
        requireAll(releaseUpdates, writeAll(c, JdbcUsageLedger.RELEASE_USAGE,
                "UPDATE coupon_usage t SET status = 'RELEASED', closed_at = v.at, release_reason = v.reason"
                        + " FROM unnest(?::timestamptz[], ?::varchar[], ?::varchar[]) AS v(at, reason, id)"
                        + " WHERE t.id = v.id AND t.status = 'LOCKED'",
                new String[] {"timestamptz", "varchar", "varchar"}, releaseUpdates));
        writeAll(c, "UPDATE coupon_checkout SET closed_at = ? WHERE checkout_id = ? AND closed_at IS NULL",
                "UPDATE coupon_checkout t SET closed_at = v.at FROM unnest(?::timestamptz[], ?::varchar[]) AS v(at, id)"
                        + " WHERE t.checkout_id = v.id AND t.closed_at IS NULL",
                new String[] {"timestamptz", "varchar"}, checkoutCloses);
        readModel.write(c, postgres);
        Sql.recordAll(c, coupon.value(), events);
        List<Object> out = new ArrayList<>(n);
        Collections.addAll(out, results);
        return out;
    }

    private static final String[] USAGE_TYPES = {"varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "timestamptz",
        "timestamptz", "varchar", "timestamptz", "varchar"};

    /**
     * Writes rows of one table: on PostgreSQL as one statement over arrays ({@code arraysSql}, which
     * takes the rows' columns in the same order as {@code batchSql} takes its parameters), elsewhere as
     * a JDBC batch of {@code batchSql}. The one statement saves PostgreSQL's per-execution work for
     * every row, which is most of the cost of a small insert or update (see docs/benchmarks.md).
     *
     * @return how many rows the writes changed
     */
    private int writeAll(Connection c, String batchSql, String arraysSql, String[] types, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        if (postgres) {
            return Sql.updateArrays(c, arraysSql, types, rows);
        }
        int changed = 0;
        for (int count : Sql.batch(c, batchSql, rows)) {
            if (count == java.sql.Statement.SUCCESS_NO_INFO) {
                return rows.size();
            }
            changed += count;
        }
        return changed;
    }

    private static void requireAll(List<Object[]> rows, int changed) {
        if (changed != rows.size()) {
            throw new StorageException("a usage changed under its row lock");
        }
    }

    /**
     * Every read in the combined transaction looks rows up by key, several keys at once
     * ({@code checkout_id IN (...)}). PostgreSQL plans such a lookup from its table statistics;
     * before the first ANALYZE of a table that grew fast (a flash sale right after the schema was
     * installed, or on a table autovacuum has not reached yet) it takes the table for a few pages
     * and scans it whole, under the row locks of the hot coupon, and every batch scans more. Turning
     * sequential scans off for this transaction only ({@code SET LOCAL}) keeps those reads on the
     * indexes whatever the statistics say; nothing outside this transaction is affected.
     */
    static void keyLookupsOnly(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_seqscan = off");
        }
    }

    /**
     * Locks n checkout rows, in id order. On PostgreSQL the keys are one array parameter, so the
     * statement is the same for every n: prepared once per connection and never planned again.
     */
    static String lockCheckouts(boolean postgres, int n) {
        return "SELECT checkout_id, closed_at FROM coupon_checkout WHERE checkout_id " + keys(postgres, n)
                + " ORDER BY checkout_id FOR UPDATE";
    }

    /** Locks the usage rows of n checkouts, in checkout and coupon order; keys as {@link #lockCheckouts}. */
    static String lockUsagesOfCheckouts(boolean postgres, int n) {
        return "SELECT " + JdbcUsageLedger.USAGE_COLUMNS + " FROM coupon_usage WHERE checkout_id " + keys(postgres, n)
                + " ORDER BY checkout_id, coupon_id FOR UPDATE";
    }

    private static String keys(boolean postgres, int n) {
        return postgres ? "= ANY(?::varchar[])" : "IN (" + marks(n) + ")";
    }

    /** Binds the keys (one array on PostgreSQL, one parameter each elsewhere), then the other parameters. */
    private PreparedStatement byKeys(Connection c, String sql, java.util.Collection<String> keys, Object... after) throws SQLException {
        if (postgres) {
            List<Object[]> rows = new ArrayList<>(keys.size());
            for (String key : keys) {
                rows.add(new Object[] {key});
            }
            return Sql.prepareArrays(c, sql, new String[] {"varchar"}, rows, after);
        }
        List<Object> params = new ArrayList<>(keys);
        Collections.addAll(params, after);
        return prepare(c, sql, params.toArray());
    }

    static CheckoutId checkout(Object op) {
        if (op instanceof LockOp l) {
            return l.request().checkoutId();
        }
        if (op instanceof RedeemOp r) {
            return r.checkoutId();
        }
        return ((ReleaseOp) op).checkoutId();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
