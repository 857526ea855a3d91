package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.bigint;
import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.timestamp;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.ledger.LedgerChanges;
import dev.couponkernel.spi.ledger.LedgerDecision;
import dev.couponkernel.spi.ledger.LedgerOp;
import dev.couponkernel.spi.ledger.LedgerRules;
import dev.couponkernel.spi.ledger.LedgerState;
import dev.couponkernel.spi.ledger.LedgerState.CheckoutRow;
import dev.couponkernel.spi.ledger.LedgerState.CustomerKey;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The ledger's one transaction, for one command or many combined: it locks and reads the rows the
 * commands need, asks {@link LedgerRules#decide} what they do, and writes exactly what it decided.
 * Nothing here decides a ledger rule.
 *
 * <p>Rows are locked in one order by every ledger transaction, so none deadlocks with another: the
 * checkout rows (inserted when new) sorted by id, their usage rows, the coupons' counter rows sorted
 * by coupon, the customers' counter rows sorted by coupon then customer, then the audit heads sorted
 * by coupon. The coupon's status is read while its counter row is held, which a status change locks
 * first, so a lock and a disable are ordered. Reads and writes go several rows at a time (arrays on
 * PostgreSQL, {@code IN} lists and JDBC batches elsewhere). When the decision changes nothing, the
 * transaction is rolled back, so a refused lock leaves no checkout row behind. Stateless.
 */
final class LedgerTransaction {

    static final String USAGE_COLUMNS = "id, coupon_id, code, user_id, checkout_id, status, locked_at, expires_at,"
            + " order_id, closed_at, release_reason";

    private final boolean postgres;

    LedgerTransaction(boolean postgres) {
        this.postgres = postgres;
    }

    /**
     * Decides and writes commands in the caller's transaction.
     *
     * @param c the connection, in a transaction
     * @param ops the commands, in arrival order
     * @return what was decided (and written)
     */
    LedgerDecision run(Connection c, List<LedgerOp> ops) throws SQLException {
        LedgerState.Builder state = LedgerState.builder();
        TreeSet<String> checkouts = new TreeSet<>();
        for (LedgerOp op : ops) {
            if (op.readsCheckout()) {
                checkouts.add(op.checkoutId().value());
            }
        }
        if (postgres && ops.size() > 1) {
            keyLookupsOnly(c);
        }
        Map<CheckoutId, CheckoutRow> rows = lockCheckouts(c, checkouts);
        rows.forEach((id, row) -> state.checkout(id, row.closed(), row.usages()));
        LedgerRules.Needs needs = LedgerRules.needs(ops, rows);
        readCoupons(c, needs.coupons(), state);
        readCustomers(c, needs.customers(), state);

        LedgerDecision decision = LedgerRules.decide(state.build(), ops, () -> UsageId.of(UUID.randomUUID().toString()));
        LedgerChanges changes = decision.changes();
        if (changes.isEmpty()) {
            c.rollback();
            return decision;
        }
        write(c, changes);
        return decision;
    }

    // ---- reads, each locking its rows in the one order ----

    private Map<CheckoutId, CheckoutRow> lockCheckouts(Connection c, TreeSet<String> ids) throws SQLException {
        Map<CheckoutId, CheckoutRow> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        List<Object[]> keys = new ArrayList<>(ids.size());
        for (String id : ids) {
            keys.add(postgres ? new Object[] {id} : new Object[] {id, id});
        }
        // the rows inserted here are locked by this transaction until it ends; on H2 a concurrent insert
        // of the same id fails on the primary key and the transaction is run again
        if (postgres) {
            Sql.updateArrays(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) SELECT id, NULL FROM unnest(?::varchar[]) AS v(id)"
                    + " ON CONFLICT (checkout_id) DO NOTHING", new String[] {"varchar"}, keys);
        } else {
            Sql.batch(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) SELECT CAST(? AS VARCHAR(128)), NULL FROM (VALUES (1))"
                    + " WHERE NOT EXISTS (SELECT 1 FROM coupon_checkout WHERE checkout_id = ?)", keys);
        }
        Map<String, Boolean> closed = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, lockCheckouts(postgres, ids.size()), ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                closed.put(rs.getString(1), rs.getObject(2) != null);
            }
        }
        Map<String, List<UsageRecord>> usages = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, lockUsagesOfCheckouts(postgres, ids.size()), ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UsageRecord u = JdbcUsageLedger.read(rs);
                usages.computeIfAbsent(u.checkoutId().value(), k -> new ArrayList<>()).add(u);
            }
        }
        for (String id : ids) {
            Boolean isClosed = closed.get(id);
            if (isClosed == null) {
                throw new StorageException("checkout " + id + " vanished under its row lock");
            }
            rows.put(CheckoutId.of(id), new CheckoutRow(isClosed, usages.getOrDefault(id, List.of())));
        }
        return rows;
    }

    /** Locks the coupons' counter rows, then reads their statuses; makes the counter of a stored coupon that has none. */
    private void readCoupons(Connection c, Collection<CouponId> coupons, LedgerState.Builder state) throws SQLException {
        if (coupons.isEmpty()) {
            return;
        }
        List<String> ids = coupons.stream().map(CouponId::value).toList();
        Map<String, Object[]> counters = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, "SELECT coupon_id, used, max_total_uses, max_uses_per_user FROM coupon_counter"
                + " WHERE coupon_id " + keys(ids.size()) + " ORDER BY coupon_id FOR UPDATE", ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counters.put(rs.getString(1), new Object[] {rs.getLong(2), Sql.nullableLong(rs, "max_total_uses"),
                    Sql.nullableLong(rs, "max_uses_per_user")});
            }
        }
        Map<String, CouponStatus> statuses = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, "SELECT id, status FROM coupon WHERE id " + keys(ids.size()), ids);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                statuses.put(rs.getString(1), CouponStatus.valueOf(rs.getString(2)));
            }
        }
        for (CouponId id : coupons) {
            CouponStatus status = statuses.get(id.value());
            if (status == null) {
                state.couponNotStored(id);
                continue;
            }
            Object[] counter = counters.get(id.value());
            if (counter == null) {
                // a coupon stored without its counter row (written by hand, or before counters came with the
                // coupon): the row is made now, unlimited; a concurrent insert fails on the primary key and
                // the transaction is run again
                update(c, "INSERT INTO coupon_counter (coupon_id, max_total_uses, max_uses_per_user, used) VALUES (?, ?, ?, 0)",
                        id.value(), bigint(null), bigint(null));
                counter = new Object[] {0L, null, null};
            }
            state.coupon(id, new LedgerState.CouponRow(status, (Long) counter[0], (Long) counter[1], (Long) counter[2]));
        }
    }

    /**
     * Locks one coupon's counter row and reads its status, as a ledger transaction does.
     *
     * @return the coupon, empty when it is not stored
     */
    java.util.Optional<LedgerState.CouponRow> lockCoupon(Connection c, CouponId id) throws SQLException {
        LedgerState.Builder state = LedgerState.builder();
        readCoupons(c, List.of(id), state);
        return state.build().coupons().get(id);
    }

    /** Locks the customers' counter rows, coupon by coupon, customers in id order. */
    private void readCustomers(Connection c, Collection<CustomerKey> customers, LedgerState.Builder state) throws SQLException {
        Map<CouponId, List<String>> byCoupon = new TreeMap<>();
        for (CustomerKey key : customers) {
            byCoupon.computeIfAbsent(key.couponId(), k -> new ArrayList<>()).add(key.userId().value());
        }
        for (Map.Entry<CouponId, List<String>> e : byCoupon.entrySet()) {
            Map<String, Long> used = new HashMap<>();
            try (PreparedStatement ps = byKeys(c, "SELECT user_id, used FROM coupon_user_counter WHERE user_id " + keys(e.getValue().size())
                    + " AND coupon_id = ? ORDER BY user_id FOR UPDATE", e.getValue(), e.getKey().value()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.put(rs.getString(1), rs.getLong(2));
                }
            }
            for (String user : e.getValue()) {
                state.customer(new CustomerKey(e.getKey(), UserId.of(user)), used.get(user));
            }
        }
    }

    // ---- writes, each table once, in the lock order ----

    private void write(Connection c, LedgerChanges changes) throws SQLException {
        List<Object[]> counters = new ArrayList<>();
        changes.counters().forEach((id, used) -> counters.add(new Object[] {used, id.value()}));
        writeAll(c, "UPDATE coupon_counter SET used = ? WHERE coupon_id = ?",
                "UPDATE coupon_counter t SET used = v.used FROM unnest(?::int8[], ?::varchar[]) AS v(used, coupon_id)"
                        + " WHERE t.coupon_id = v.coupon_id", new String[] {"int8", "varchar"}, counters);
        List<Object[]> userUpdates = new ArrayList<>();
        List<Object[]> userInserts = new ArrayList<>();
        changes.customerCounters().forEach((key, used) -> {
            if (changes.newCustomerCounters().contains(key)) {
                userInserts.add(new Object[] {key.couponId().value(), key.userId().value(), used});
            } else {
                userUpdates.add(new Object[] {used, key.couponId().value(), key.userId().value()});
            }
        });
        writeAll(c, "UPDATE coupon_user_counter SET used = ? WHERE coupon_id = ? AND user_id = ?",
                "UPDATE coupon_user_counter t SET used = v.used FROM unnest(?::int8[], ?::varchar[], ?::varchar[])"
                        + " AS v(used, coupon_id, user_id) WHERE t.coupon_id = v.coupon_id AND t.user_id = v.user_id",
                new String[] {"int8", "varchar", "varchar"}, userUpdates);
        // the coupon counter rows held here serialize every first use of a coupon by a customer
        writeAll(c, "INSERT INTO coupon_user_counter (coupon_id, user_id, used) VALUES (?, ?, ?)",
                "INSERT INTO coupon_user_counter (coupon_id, user_id, used) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int8[])",
                new String[] {"varchar", "varchar", "int8"}, userInserts);

        List<Object[]> inserts = new ArrayList<>();
        for (UsageRecord u : changes.newUsages()) {
            inserts.add(row(u));
        }
        writeAll(c, "INSERT INTO coupon_usage (" + USAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "INSERT INTO coupon_usage (" + USAGE_COLUMNS + ") SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                        + " ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::timestamptz[],"
                        + " ?::varchar[])", USAGE_TYPES, inserts);
        List<Object[]> closings = new ArrayList<>();
        for (UsageRecord u : changes.changedUsages()) {
            closings.add(new Object[] {u.status().name(), u.orderId() == null ? null : u.orderId().value(), timestamp(u.closedAt()),
                u.releaseReason(), u.id().value()});
        }
        int closed = writeAll(c, "UPDATE coupon_usage SET status = ?, order_id = ?, closed_at = ?, release_reason = ?"
                + " WHERE id = ? AND status = 'LOCKED'",
                "UPDATE coupon_usage t SET status = v.status, order_id = v.order_id, closed_at = v.at, release_reason = v.reason"
                        + " FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[])"
                        + " AS v(status, order_id, at, reason, id) WHERE t.id = v.id AND t.status = 'LOCKED'",
                new String[] {"varchar", "varchar", "timestamptz", "varchar", "varchar"}, closings);
        if (closed != closings.size()) {
            throw new StorageException("a usage changed under its row lock");
        }
        List<Object[]> checkoutCloses = new ArrayList<>();
        changes.closedCheckouts().forEach((id, at) -> checkoutCloses.add(new Object[] {at, id.value()}));
        writeAll(c, "UPDATE coupon_checkout SET closed_at = ? WHERE checkout_id = ? AND closed_at IS NULL",
                "UPDATE coupon_checkout t SET closed_at = v.at FROM unnest(?::timestamptz[], ?::varchar[]) AS v(at, id)"
                        + " WHERE t.checkout_id = v.id AND t.closed_at IS NULL",
                new String[] {"timestamptz", "varchar"}, checkoutCloses);

        Map<CouponId, JdbcReadModels.UsageDeltas> readModels = new TreeMap<>();
        for (UsageRecord u : changes.locked()) {
            readModels.computeIfAbsent(u.couponId(), JdbcReadModels.UsageDeltas::new).locked(u);
        }
        for (UsageRecord u : changes.closed()) {
            readModels.computeIfAbsent(u.couponId(), JdbcReadModels.UsageDeltas::new).closed(u);
        }
        for (JdbcReadModels.UsageDeltas deltas : readModels.values()) {
            deltas.write(c, postgres);
        }
        for (CouponId coupon : changes.couponsWithEvents()) {
            Sql.recordAll(c, coupon.value(), changes.eventsOf(coupon));
        }
    }

    /** A usage row's columns, in {@link #USAGE_COLUMNS} order. */
    static Object[] row(UsageRecord u) {
        return new Object[] {u.id().value(), u.couponId().value(), u.code().value(), u.userId().value(), u.checkoutId().value(),
            u.status().name(), u.lockedAt(), u.expiresAt(), u.orderId() == null ? null : u.orderId().value(),
            timestamp(u.closedAt()), u.releaseReason()};
    }

    private static final String[] USAGE_TYPES = {"varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "timestamptz",
        "timestamptz", "varchar", "timestamptz", "varchar"};

    /**
     * Writes rows of one table: on PostgreSQL as one statement over arrays ({@code arraysSql}, which
     * takes the rows' columns in the same order as {@code batchSql} takes its parameters), elsewhere as
     * a JDBC batch of {@code batchSql}; one row as {@code batchSql} everywhere. The one statement saves
     * PostgreSQL's per-execution work for every row, which is most of the cost of a small insert or
     * update (see docs/benchmarks.md).
     *
     * @return how many rows the writes changed
     */
    private int writeAll(Connection c, String batchSql, String arraysSql, String[] types, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        if (rows.size() == 1) {
            return update(c, batchSql, rows.get(0));
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

    /**
     * Every read in a combined transaction looks rows up by key, several keys at once
     * ({@code checkout_id = ANY(...)}). PostgreSQL plans such a lookup from its table statistics;
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
        return "SELECT " + USAGE_COLUMNS + " FROM coupon_usage WHERE checkout_id " + keys(postgres, n)
                + " ORDER BY checkout_id, coupon_id FOR UPDATE";
    }

    private String keys(int n) {
        return keys(postgres, n);
    }

    private static String keys(boolean postgres, int n) {
        if (n == 1) {
            return "= ?";
        }
        return postgres ? "= ANY(?::varchar[])" : "IN (" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    /** Binds the keys (one array on PostgreSQL, one parameter each elsewhere), then the other parameters. */
    private PreparedStatement byKeys(Connection c, String sql, Collection<String> keys, Object... after) throws SQLException {
        if (postgres && keys.size() > 1) {
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
}
