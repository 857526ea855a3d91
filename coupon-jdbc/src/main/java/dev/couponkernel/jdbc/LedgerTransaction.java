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
import dev.couponkernel.spi.value.TimeOrderedId;
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
            + " order_id, closed_at, release_reason, reinstated_at, discount_minor, discount_currency";

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
        if (postgres && ops.stream().allMatch(op -> op.on(PIPELINES))) {
            return new Pipelined(ops).run(c);
        }
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
        List<String> lockCodes = lockCodes(ops);
        Map<String, LedgerState.CodeRow> codes = new HashMap<>();
        Map<String, Long> codeRowIds = new HashMap<>();
        Map<CouponId, java.util.Optional<LedgerState.CouponRow>> coupons = readCoupons(c, needs.coupons(), lockCodes, state, codes,
                codeRowIds);
        readCustomers(c, needs.customers(), state);
        giveCodes(LedgerRules.codeNeeds(ops, coupons), codes, state);
        return decideAndWrite(c, state, ops, changes -> write(c, changes, codeRowIds));
    }

    /**
     * The commands {@link Pipelined} reads for: those of a checkout whose extra rows are found through
     * its LOCKED usages. The sweep reads its usages itself, and a reinstate's rows are those of REDEEMED
     * usages: both take the general path, which asks {@link LedgerRules#needs}.
     */
    private static final LedgerOp.Cases<Boolean> PIPELINES = new LedgerOp.Cases<>() {
        @Override
        public Boolean lock(LedgerOp.Lock op) {
            return true;
        }

        @Override
        public Boolean redeem(LedgerOp.Redeem op) {
            return true;
        }

        @Override
        public Boolean release(LedgerOp.Release op) {
            return true;
        }

        @Override
        public Boolean releaseOne(LedgerOp.ReleaseOne op) {
            return true;
        }

        @Override
        public Boolean expire(LedgerOp.Expire op) {
            return false;
        }

        @Override
        public Boolean reinstate(LedgerOp.Reinstate op) {
            return false;
        }
    };

    /** Writes the changes of a decision in the caller's transaction. */
    @FunctionalInterface
    private interface ChangeWriter {
        void write(LedgerChanges changes) throws SQLException;
    }

    /**
     * Asks the rules, then writes what they decided; a decision that changes nothing rolls the
     * transaction back, so the checkout rows inserted only to take their locks are not left behind.
     */
    private static LedgerDecision decideAndWrite(Connection c, LedgerState.Builder state, List<LedgerOp> ops, ChangeWriter writer)
            throws SQLException {
        LedgerDecision decision = LedgerRules.decide(state.build(), ops, () -> UsageId.of(TimeOrderedId.next()));
        if (decision.changes().isEmpty()) {
            c.rollback();
        } else {
            writer.write(decision.changes());
        }
        return decision;
    }

    /** The checkouts' rows as read under their locks; a checkout without its row is a storage failure. */
    private static Map<CheckoutId, CheckoutRow> checkoutRows(Collection<String> ids, Map<String, Boolean> closed,
            List<UsageRecord> usages) {
        Map<String, List<UsageRecord>> byCheckout = new HashMap<>();
        for (UsageRecord u : usages) {
            byCheckout.computeIfAbsent(u.checkoutId().value(), k -> new ArrayList<>()).add(u);
        }
        Map<CheckoutId, CheckoutRow> rows = new LinkedHashMap<>();
        for (String id : ids) {
            Boolean isClosed = closed.get(id);
            if (isClosed == null) {
                throw new StorageException("checkout " + id + " vanished under its row lock");
            }
            rows.put(CheckoutId.of(id), new CheckoutRow(isClosed, byCheckout.getOrDefault(id, List.of())));
        }
        return rows;
    }

    /**
     * The same transaction on PostgreSQL in three round trips: every row the commands need is locked
     * and read by one script (checkouts inserted and locked, their usages, the coupons' counters, then
     * their statuses in a statement of its own that starts after the counters are held, the customers'
     * counters, the audit heads), then every change is written by a second script, then the commit.
     * What a command needs beyond its own coupon and customer is found through its checkout's usages
     * inside the reading statements. A coupon without a counter row, the one case the script cannot
     * cover, is read and repaired as in the general path.
     */
    private final class Pipelined {
        private final List<LedgerOp> ops;
        private final List<String> lockCodes;
        private final TreeSet<String> checkouts = new TreeSet<>();
        private final TreeSet<String> coupons = new TreeSet<>();
        private final TreeSet<CustomerKey> customers = new TreeSet<>();
        private boolean countsFromUsages;
        private boolean headsFromUsages;

        Pipelined(List<LedgerOp> ops) {
            this.ops = ops;
            this.lockCodes = lockCodes(ops);
            LedgerOp.Cases<Void> hints = new LedgerOp.Cases<>() {
                @Override
                public Void lock(LedgerOp.Lock op) {
                    coupons.add(op.request().couponId().value());
                    customers.add(new CustomerKey(op.request().couponId(), op.request().userId()));
                    return null;
                }

                @Override
                public Void redeem(LedgerOp.Redeem op) {
                    headsFromUsages = true;
                    return null;
                }

                @Override
                public Void release(LedgerOp.Release op) {
                    countsFromUsages = true;
                    headsFromUsages = true;
                    return null;
                }

                @Override
                public Void releaseOne(LedgerOp.ReleaseOne op) {
                    coupons.add(op.couponId().value());
                    countsFromUsages = true;
                    headsFromUsages = true;
                    return null;
                }

                @Override
                public Void expire(LedgerOp.Expire op) {
                    throw new IllegalArgumentException("the sweep reads its usages itself");
                }

                @Override
                public Void reinstate(LedgerOp.Reinstate op) {
                    throw new IllegalArgumentException("a reinstate reads the rows of its redeemed usages on the general path");
                }
            };
            for (LedgerOp op : ops) {
                checkouts.add(op.checkoutId().value());
                op.on(hints);
            }
        }

        LedgerDecision run(Connection c) throws SQLException {
            if (ops.size() > 1) {
                keyLookupsOnly(c);
            }
            List<String> ids = List.copyOf(checkouts);
            Sql.Script read = new Sql.Script();
            List<Object> p = new ArrayList<>();
            // each checkout's row inserted, or the row there locked, in checkout order, and read: one
            // statement (the no-op update takes the row lock SELECT ... FOR UPDATE would, and returns the
            // latest committed row once a concurrent holder has committed)
            int checkoutRows = read.query("INSERT INTO coupon_checkout AS t (checkout_id, closed_at) SELECT id, NULL FROM ("
                    + values(ids, p) + ") AS v(id) ON CONFLICT (checkout_id) DO UPDATE SET closed_at = t.closed_at"
                    + " RETURNING t.checkout_id, t.closed_at", rs -> new Object[] {rs.getString(1), rs.getObject(2) != null}, take(p));
            int usageRows = read.query(lockUsagesOfCheckouts(true, ids.size()), JdbcUsageLedger::read, key(ids));
            // the coupons: those the commands name, and (for releases) those of the checkouts' usages
            String couponSet = set(List.copyOf(coupons), countsFromUsages ? "SELECT coupon_id FROM coupon_usage WHERE checkout_id "
                    + in(ids, p) : null, p);
            Object[] couponParams = take(p);
            int counterRows = -1;
            int statusRows = -1;
            if (couponSet != null) {
                counterRows = read.query("SELECT coupon_id, used, max_total_uses, max_uses_per_user, max_uses_per_code FROM coupon_counter"
                        + " WHERE coupon_id IN " + couponSet + " ORDER BY coupon_id FOR UPDATE",
                        rs -> new Object[] {rs.getString(1), rs.getLong(2), Sql.nullableLong(rs, "max_total_uses"),
                            Sql.nullableLong(rs, "max_uses_per_user"), Sql.nullableLong(rs, "max_uses_per_code")}, couponParams);
                // a statement of its own, so its snapshot is taken once the counters are held: a status
                // change (or a budget change, or a code's count) that committed while this transaction waited
                // for a counter is seen
                List<Object> statusParams = new ArrayList<>();
                String sql = statusAndBudgets(lockCodes, statusParams) + "IN " + couponSet;
                statusParams.addAll(List.of(couponParams));
                statusRows = read.query(sql, LedgerTransaction::statusAndBudget, statusParams.toArray());
            }
            int customerRows = -1;
            if (!customers.isEmpty() || countsFromUsages) {
                StringBuilder keys = new StringBuilder();
                if (customers.size() == 1) {
                    keys.append("SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR)");
                    p.add(customers.first().couponId().value());
                    p.add(customers.first().userId().value());
                } else if (!customers.isEmpty()) {
                    // arrays, so the statement is the same for any number of customers: prepared and planned once
                    keys.append("SELECT * FROM unnest(?::varchar[], ?::varchar[])");
                    p.add(Sql.array("varchar", customers.stream().map(k -> k.couponId().value()).toList()));
                    p.add(Sql.array("varchar", customers.stream().map(k -> k.userId().value()).toList()));
                }
                if (countsFromUsages) {
                    keys.append(keys.length() == 0 ? "" : " UNION ALL ").append("SELECT coupon_id, user_id FROM coupon_usage"
                            + " WHERE status = 'LOCKED' AND checkout_id ").append(in(ids, p));
                }
                customerRows = read.query("SELECT coupon_id, user_id, used FROM coupon_user_counter WHERE (coupon_id, user_id) IN ("
                        + keys + ") ORDER BY coupon_id, user_id FOR UPDATE",
                        rs -> new Object[] {new CustomerKey(CouponId.of(rs.getString(1)), UserId.of(rs.getString(2))), rs.getLong(3)},
                        take(p));
            }
            String headSet = set(List.copyOf(coupons), headsFromUsages ? "SELECT coupon_id FROM coupon_usage WHERE checkout_id "
                    + in(ids, p) : null, p);
            int headRows = -1;
            if (headSet != null) {
                headRows = read.query("SELECT coupon_id, entries, last_hash FROM coupon_audit_head WHERE coupon_id IN " + headSet
                        + " ORDER BY coupon_id FOR UPDATE",
                        rs -> new Object[] {rs.getString(1), new Sql.AuditHead(rs.getLong(2), rs.getString(3))}, take(p));
            }
            List<Object> results = read.run(c);

            LedgerState.Builder state = LedgerState.builder();
            Map<String, Boolean> closed = new HashMap<>();
            for (Object row : rows(results, checkoutRows)) {
                Object[] r = (Object[]) row;
                closed.put((String) r[0], (Boolean) r[1]);
            }
            List<UsageRecord> usages = new ArrayList<>();
            for (Object row : rows(results, usageRows)) {
                usages.add((UsageRecord) row);
            }
            Map<CheckoutId, CheckoutRow> checkoutState = checkoutRows(checkouts, closed, usages);
            checkoutState.forEach((id, row) -> state.checkout(id, row.closed(), row.usages()));
            // what was queried: the coupons and customers named by the commands and found through the usages
            TreeSet<String> queriedCoupons = new TreeSet<>(coupons);
            TreeSet<CustomerKey> queriedCustomers = new TreeSet<>(customers);
            if (countsFromUsages) {
                for (UsageRecord u : usages) {
                    queriedCoupons.add(u.couponId().value());
                    if (u.status() == dev.couponkernel.spi.store.UsageStatus.LOCKED) {
                        queriedCustomers.add(new CustomerKey(u.couponId(), u.userId()));
                    }
                }
            }
            Map<String, Object[]> counters = new HashMap<>();
            for (Object row : rows(results, counterRows)) {
                counters.put((String) ((Object[]) row)[0], (Object[]) row);
            }
            Map<String, CouponStatus> statuses = new HashMap<>();
            Map<String, Map<java.util.Currency, LedgerState.Budget>> budgets = new HashMap<>();
            java.util.Set<String> uniques = new java.util.HashSet<>();
            Map<String, LedgerState.CodeRow> codes = new HashMap<>();
            for (Object row : rows(results, statusRows)) {
                collect((Object[]) row, statuses, budgets, uniques, codes, new HashMap<>());
            }
            Map<CustomerKey, Long> customerCounts = new HashMap<>();
            for (Object row : rows(results, customerRows)) {
                customerCounts.put((CustomerKey) ((Object[]) row)[0], (Long) ((Object[]) row)[1]);
            }
            Map<CouponId, Sql.AuditHead> heads = new HashMap<>();
            for (Object row : rows(results, headRows)) {
                heads.put(CouponId.of((String) ((Object[]) row)[0]), (Sql.AuditHead) ((Object[]) row)[1]);
            }

            LedgerRules.Needs needs = LedgerRules.needs(ops, checkoutState);
            List<CouponId> unread = new ArrayList<>();
            Map<CouponId, java.util.Optional<LedgerState.CouponRow>> couponRows = new HashMap<>();
            for (CouponId id : needs.coupons()) {
                Object[] k = counters.get(id.value());
                CouponStatus status = statuses.get(id.value());
                if (!queriedCoupons.contains(id.value()) || (k == null && status != null)) {
                    unread.add(id);
                } else if (status == null) {
                    state.couponNotStored(id);
                    couponRows.put(id, java.util.Optional.empty());
                } else {
                    LedgerState.CouponRow row = couponRow(status, (Long) k[1], (Long) k[2], (Long) k[3], (Long) k[4],
                            budgets.getOrDefault(id.value(), Map.of()), uniques.contains(id.value()));
                    state.coupon(id, row);
                    couponRows.put(id, java.util.Optional.of(row));
                }
            }
            couponRows.putAll(readCoupons(c, unread, lockCodes, state, codes, new HashMap<>()));
            List<CustomerKey> unreadCustomers = new ArrayList<>();
            for (CustomerKey key : needs.customers()) {
                if (queriedCustomers.contains(key)) {
                    state.customer(key, customerCounts.get(key));
                } else {
                    unreadCustomers.add(key);
                }
            }
            readCustomers(c, unreadCustomers, state);
            giveCodes(LedgerRules.codeNeeds(ops, couponRows), codes, state);
            return decideAndWrite(c, state, ops, changes -> writePipelined(c, changes, heads));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> rows(List<Object> results, int statement) {
        return statement < 0 ? List.of() : (List<Object>) results.get(statement);
    }

    /** The parameters collected so far, handed over and forgotten. */
    private static Object[] take(List<Object> params) {
        Object[] taken = params.toArray();
        params.clear();
        return taken;
    }

    /**
     * Keys as a PostgreSQL condition, one key a plain equality (the cheapest statement to run), several
     * one array; the parameter is added to {@code params}.
     */
    private static String in(List<String> keys, List<Object> params) {
        params.add(key(keys));
        return keys.size() == 1 ? "= ?" : "= ANY(?::varchar[])";
    }

    /** The parameter of the keys of {@link #in}, {@link #lockCheckouts} and {@link #lockUsagesOfCheckouts}: the key, or one array. */
    private static Object key(List<String> keys) {
        return keys.size() == 1 ? keys.get(0) : Sql.array("varchar", keys);
    }

    /** Keys as rows of one column, for an insert. */
    private static String values(List<String> keys, List<Object> params) {
        if (keys.size() == 1) {
            params.add(keys.get(0));
            return "SELECT CAST(? AS VARCHAR)";
        }
        params.add(Sql.array("varchar", keys));
        return "SELECT unnest(?::varchar[])";
    }

    /**
     * A set of coupon ids for {@code IN}: the keys given and the ids a subquery finds, or null when
     * there are neither.
     */
    private static String set(List<String> keys, String subquery, List<Object> params) {
        List<String> parts = new ArrayList<>();
        if (!keys.isEmpty()) {
            List<Object> own = new ArrayList<>();
            String part = values(keys, own);
            parts.add(part);
            // the keys' parameters come before the subquery's, whose were added already
            List<Object> after = new ArrayList<>(params);
            params.clear();
            params.addAll(own);
            params.addAll(after);
        }
        if (subquery != null) {
            parts.add(subquery);
        }
        return parts.isEmpty() ? null : "(" + String.join(" UNION ALL ", parts) + ")";
    }

    /**
     * The writes on PostgreSQL, as one script (one round trip): each table once, with plain parameters
     * for one row and one array per column for several (an {@code unnest} statement costs PostgreSQL a
     * few times a one-row statement, see docs/benchmarks.md), then the read model, then each coupon's
     * audit entries after the head read under its lock ({@code heads}; a coupon missing there has its
     * head read and its events appended on their own).
     */
    private void writePipelined(Connection c, LedgerChanges changes, Map<CouponId, Sql.AuditHead> heads) throws SQLException {
        Sql.Script script = new Sql.Script();
        List<TableWrite> writes = tableWrites(changes);
        int[] index = new int[writes.size()];
        for (int i = 0; i < writes.size(); i++) {
            TableWrite w = writes.get(i);
            if (w.rows().size() == 1) {
                index[i] = script.update(w.oneRowSql(), w.rows().get(0));
            } else {
                Object[] columns = new Object[w.types().length];
                for (int k = 0; k < columns.length; k++) {
                    List<Object> column = new ArrayList<>(w.rows().size());
                    for (Object[] row : w.rows()) {
                        column.add(row[k]);
                    }
                    columns[k] = Sql.array(w.types()[k], column);
                }
                index[i] = script.update(w.arraysSql(), columns);
            }
        }
        for (JdbcReadModels.UsageDeltas deltas : readModelDeltas(changes)) {
            deltas.upsert(script);
        }
        List<Integer> appends = new ArrayList<>();
        List<CouponId> headless = new ArrayList<>();
        for (CouponId coupon : changes.couponsWithEvents()) {
            Sql.AuditHead head = heads.get(coupon);
            if (head == null) {
                headless.add(coupon);
            } else {
                appends.add(Sql.append(script, coupon.value(), changes.eventsOf(coupon), head));
            }
        }
        List<Object> results = script.run(c);
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).mustChangeAll() && (Integer) results.get(index[i]) != writes.get(i).rows().size()) {
                throw new StorageException("a row of the ledger changed under its row lock: " + writes.get(i).oneRowSql());
            }
        }
        for (int i : appends) {
            if ((Integer) results.get(i) != 1) {
                throw new StorageException("an audit head vanished under its row lock");
            }
        }
        for (CouponId coupon : headless) {
            Sql.recordAll(c, coupon.value(), changes.eventsOf(coupon));
        }
    }

    // ---- reads, each locking its rows in the one order ----

    private Map<CheckoutId, CheckoutRow> lockCheckouts(Connection c, TreeSet<String> ids) throws SQLException {
        Map<CheckoutId, CheckoutRow> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        if (ids.size() == 1) {
            // one checkout (a command alone, on H2): look first, insert only a new one, which the insert locks
            String id = ids.first();
            Boolean isClosed = null;
            try (PreparedStatement ps = prepare(c, lockCheckouts(postgres, 1), id); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    isClosed = rs.getObject(2) != null;
                }
            }
            if (isClosed == null) {
                // a concurrent insert of the same id fails on the primary key and the transaction is run again
                update(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) VALUES (?, ?)", id, timestamp(null));
                isClosed = false;
            }
            List<UsageRecord> usages = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, lockUsagesOfCheckouts(postgres, 1), id); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usages.add(JdbcUsageLedger.read(rs));
                }
            }
            rows.put(CheckoutId.of(id), new CheckoutRow(isClosed, usages));
            return rows;
        }
        // several checkouts (a combined batch; on PostgreSQL the pipelined script reads them instead): the
        // rows inserted here are locked by this transaction until it ends, and a concurrent insert of the
        // same id fails on the primary key and the transaction is run again
        List<Object[]> keys = new ArrayList<>(ids.size());
        for (String id : ids) {
            keys.add(new Object[] {id, id});
        }
        Sql.batch(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) SELECT CAST(? AS VARCHAR(128)), NULL FROM (VALUES (1))"
                + " WHERE NOT EXISTS (SELECT 1 FROM coupon_checkout WHERE checkout_id = ?)", keys);
        Map<String, Boolean> closed = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, lockCheckouts(postgres, ids.size()), ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                closed.put(rs.getString(1), rs.getObject(2) != null);
            }
        }
        List<UsageRecord> usages = new ArrayList<>();
        try (PreparedStatement ps = byKeys(c, lockUsagesOfCheckouts(postgres, ids.size()), ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                usages.add(JdbcUsageLedger.read(rs));
            }
        }
        return checkoutRows(ids, closed, usages);
    }

    /**
     * Locks the coupons' counter rows, then reads their statuses; makes the counter of a stored coupon
     * that has none.
     *
     * @return the rows read, by coupon (empty for a coupon not stored)
     */
    private Map<CouponId, java.util.Optional<LedgerState.CouponRow>> readCoupons(Connection c, Collection<CouponId> coupons,
            List<String> lockCodes, LedgerState.Builder state, Map<String, LedgerState.CodeRow> codes, Map<String, Long> codeRowIds)
            throws SQLException {
        Map<CouponId, java.util.Optional<LedgerState.CouponRow>> read = new HashMap<>();
        if (coupons.isEmpty()) {
            return read;
        }
        List<String> ids = coupons.stream().map(CouponId::value).toList();
        Map<String, Object[]> counters = new HashMap<>();
        try (PreparedStatement ps = byKeys(c, "SELECT coupon_id, used, max_total_uses, max_uses_per_user, max_uses_per_code"
                + " FROM coupon_counter WHERE coupon_id " + keys(ids.size()) + " ORDER BY coupon_id FOR UPDATE", ids);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counters.put(rs.getString(1), new Object[] {rs.getLong(2), Sql.nullableLong(rs, "max_total_uses"),
                    Sql.nullableLong(rs, "max_uses_per_user"), Sql.nullableLong(rs, "max_uses_per_code")});
            }
        }
        // statuses and budget rows change only while the counter row is held, so they are read once it is
        Map<String, CouponStatus> statuses = new HashMap<>();
        Map<String, Map<java.util.Currency, LedgerState.Budget>> budgets = new HashMap<>();
        java.util.Set<String> uniques = new java.util.HashSet<>();
        List<Object> params = new ArrayList<>();
        String sql = statusAndBudgets(lockCodes, params) + keys(ids.size());
        addKeys(params, ids);
        try (PreparedStatement ps = prepare(c, sql, params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                collect(statusAndBudget(rs), statuses, budgets, uniques, codes, codeRowIds);
            }
        }
        for (CouponId id : coupons) {
            CouponStatus status = statuses.get(id.value());
            if (status == null) {
                state.couponNotStored(id);
                read.put(id, java.util.Optional.empty());
                continue;
            }
            Object[] counter = counters.get(id.value());
            if (counter == null) {
                // a coupon stored without its counter row (written by hand, or before counters came with the
                // coupon): the row is made now, unlimited; a concurrent insert fails on the primary key and
                // the transaction is run again
                update(c, "INSERT INTO coupon_counter (coupon_id, max_total_uses, max_uses_per_user, used) VALUES (?, ?, ?, 0)",
                        id.value(), bigint(null), bigint(null));
                counter = new Object[] {0L, null, null, null};
            }
            LedgerState.CouponRow row = couponRow(status, (Long) counter[0], (Long) counter[1], (Long) counter[2],
                    (Long) counter[3], budgets.getOrDefault(id.value(), Map.of()), uniques.contains(id.value()));
            state.coupon(id, row);
            read.put(id, java.util.Optional.of(row));
        }
        return read;
    }

    /** A coupon's row; a per-code limit only for a campaign (a shared coupon's counter holds none). */
    private static LedgerState.CouponRow couponRow(CouponStatus status, long used, Long maxTotal, Long maxPerUser, Long maxPerCode,
            Map<java.util.Currency, LedgerState.Budget> budgets, boolean unique) {
        return new LedgerState.CouponRow(status, used, maxTotal, maxPerUser, budgets, unique, unique ? maxPerCode : null);
    }

    /** The code of a lock; null for the other commands. */
    private static final LedgerOp.Cases<String> LOCK_CODE = new LedgerOp.Cases<>() {
        @Override
        public String lock(LedgerOp.Lock op) {
            return op.request().code().value();
        }

        @Override
        public String redeem(LedgerOp.Redeem op) {
            return null;
        }

        @Override
        public String release(LedgerOp.Release op) {
            return null;
        }

        @Override
        public String releaseOne(LedgerOp.ReleaseOne op) {
            return null;
        }

        @Override
        public String expire(LedgerOp.Expire op) {
            return null;
        }

        @Override
        public String reinstate(LedgerOp.Reinstate op) {
            return null;
        }
    };

    /** The codes of the commands' locks, sorted, each once: the codes a ledger transaction reads with its coupons. */
    private static List<String> lockCodes(List<LedgerOp> ops) {
        TreeSet<String> codes = new TreeSet<>();
        for (LedgerOp op : ops) {
            String code = op.on(LOCK_CODE);
            if (code != null) {
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    /**
     * Gives the rules the unique codes they need ({@link LedgerRules#codeNeeds}), as read with their
     * coupons' statuses while the coupons' counter rows were held (every change of a code's count, and
     * its voiding, holds that lock too): a code not read there is not one of the coupon's codes.
     */
    private static void giveCodes(java.util.SortedSet<dev.couponkernel.spi.value.CouponCode> needed,
            Map<String, LedgerState.CodeRow> read, LedgerState.Builder state) {
        for (dev.couponkernel.spi.value.CouponCode code : needed) {
            state.code(code, read.get(code.value()));
        }
    }

    /**
     * The statuses of coupons with their budget rows and the rows of the lock codes that are their own
     * unique codes, one statement (one row per budget currency and code, one row with neither for a
     * coupon without them), by coupon id (followed by the key condition). The code rows come through an
     * indexed join that a coupon of one shared code skips, so the lock of a campaign's code costs no
     * statement of its own.
     *
     * @param lockCodes the codes of the commands' locks
     * @param params takes the codes' parameters, which come before the coupon ids'
     */
    private String statusAndBudgets(List<String> lockCodes, List<Object> params) {
        String select = "SELECT k.id, k.status, b.currency, b.budget_minor, b.spent_minor, k.unique_codes, ";
        String budgets = " FROM coupon k LEFT JOIN coupon_budget b ON b.coupon_id = k.id";
        if (lockCodes.isEmpty()) {
            return select + "CAST(NULL AS VARCHAR(32)), CAST(NULL AS TIMESTAMP WITH TIME ZONE), CAST(NULL AS BIGINT),"
                    + " CAST(NULL AS BIGINT)" + budgets + " WHERE k.id ";
        }
        addKeys(params, lockCodes);
        // on H2 the code row's row id too, by which the lock's write finds the row without a second search by code
        return select + "t.code, t.voided_at, t.used, " + (postgres ? "CAST(NULL AS BIGINT)" : "t._ROWID_") + budgets
                + " LEFT JOIN coupon_code t ON k.unique_codes"
                + " AND t.coupon_id = k.id AND t.batch_id IS NOT NULL AND t.code " + keys(lockCodes.size()) + " WHERE k.id ";
    }

    /**
     * A row of {@link #statusAndBudgets}: the coupon id, its status, one budget or null, whether its
     * codes are unique, and a code with its row, or nulls.
     */
    private static Object[] statusAndBudget(ResultSet rs) throws SQLException {
        String currency = rs.getString(3);
        LedgerState.Budget budget = null;
        if (currency != null) {
            java.util.Currency unit = java.util.Currency.getInstance(currency.trim());
            budget = new LedgerState.Budget(dev.couponkernel.spi.value.Money.ofMinor(rs.getLong(4), unit),
                    dev.couponkernel.spi.value.Money.ofMinor(rs.getLong(5), unit));
        }
        String id = rs.getString(1);
        String code = rs.getString(7);
        LedgerState.CodeRow codeRow = code == null ? null
                : new LedgerState.CodeRow(CouponId.of(id), rs.getObject(8) != null, rs.getLong(9));
        return new Object[] {id, CouponStatus.valueOf(rs.getString(2)), budget, rs.getBoolean(6), code, codeRow,
            Sql.nullableLong(rs, 10)};
    }

    private static void collect(Object[] row, Map<String, CouponStatus> statuses,
            Map<String, Map<java.util.Currency, LedgerState.Budget>> budgets, java.util.Set<String> uniques,
            Map<String, LedgerState.CodeRow> codes, Map<String, Long> codeRowIds) {
        statuses.put((String) row[0], (CouponStatus) row[1]);
        if ((Boolean) row[3]) {
            uniques.add((String) row[0]);
        }
        if (row[2] != null) {
            LedgerState.Budget b = (LedgerState.Budget) row[2];
            budgets.computeIfAbsent((String) row[0], k -> new HashMap<>()).put(b.limit().currency(), b);
        }
        if (row[4] != null) {
            codes.put((String) row[4], (LedgerState.CodeRow) row[5]);
            if (row[6] != null) {
                codeRowIds.put((String) row[4], (Long) row[6]);
            }
        }
    }

    /**
     * Locks one coupon's counter row and reads its status, as a ledger transaction does.
     *
     * @return the coupon, empty when it is not stored
     */
    java.util.Optional<LedgerState.CouponRow> lockCoupon(Connection c, CouponId id) throws SQLException {
        LedgerState.Builder state = LedgerState.builder();
        readCoupons(c, List.of(id), List.of(), state, new HashMap<>(), new HashMap<>());
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

    /**
     * The rows of one table to write: one statement per row ({@code oneRowSql}, a JDBC batch on H2)
     * or, on PostgreSQL with several rows, one statement over arrays ({@code arraysSql}, which takes
     * the rows' columns in the order {@code oneRowSql} takes its parameters).
     *
     * @param mustChangeAll whether every row must be changed (an update of rows this transaction holds)
     */
    private record TableWrite(String oneRowSql, String arraysSql, String[] types, List<Object[]> rows, boolean mustChangeAll) {}

    /** What to write for the changes, table by table, in the lock order; the read models and the audit come after. */
    private static List<TableWrite> tableWrites(LedgerChanges changes) {
        List<TableWrite> writes = new ArrayList<>();
        List<Object[]> counters = new ArrayList<>();
        changes.counters().forEach((id, used) -> counters.add(new Object[] {used, id.value()}));
        writes.add(new TableWrite("UPDATE coupon_counter SET used = ? WHERE coupon_id = ?",
                "UPDATE coupon_counter t SET used = v.used FROM unnest(?::int8[], ?::varchar[]) AS v(used, coupon_id)"
                        + " WHERE t.coupon_id = v.coupon_id", new String[] {"int8", "varchar"}, counters, true));
        List<Object[]> budgets = new ArrayList<>();
        changes.spent().forEach((id, rows) -> rows.forEach((currency, spent) ->
                budgets.add(new Object[] {spent.minorUnits(), id.value(), currency.getCurrencyCode()})));
        writes.add(new TableWrite("UPDATE coupon_budget SET spent_minor = ? WHERE coupon_id = ? AND currency = ?",
                "UPDATE coupon_budget t SET spent_minor = v.spent FROM unnest(?::int8[], ?::varchar[], ?::varchar[])"
                        + " AS v(spent, coupon_id, currency) WHERE t.coupon_id = v.coupon_id AND t.currency = v.currency",
                new String[] {"int8", "varchar", "varchar"}, budgets, true));
        List<Object[]> userUpdates = new ArrayList<>();
        List<Object[]> userInserts = new ArrayList<>();
        changes.customerCounters().forEach((key, used) -> {
            if (changes.newCustomerCounters().contains(key)) {
                userInserts.add(new Object[] {key.couponId().value(), key.userId().value(), used});
            } else {
                userUpdates.add(new Object[] {used, key.couponId().value(), key.userId().value()});
            }
        });
        writes.add(new TableWrite("UPDATE coupon_user_counter SET used = ? WHERE coupon_id = ? AND user_id = ?",
                "UPDATE coupon_user_counter t SET used = v.used FROM unnest(?::int8[], ?::varchar[], ?::varchar[])"
                        + " AS v(used, coupon_id, user_id) WHERE t.coupon_id = v.coupon_id AND t.user_id = v.user_id",
                new String[] {"int8", "varchar", "varchar"}, userUpdates, true));
        // the coupon counter rows held here serialize every first use of a coupon by a customer
        writes.add(new TableWrite("INSERT INTO coupon_user_counter (coupon_id, user_id, used) VALUES (?, ?, ?)",
                "INSERT INTO coupon_user_counter (coupon_id, user_id, used) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int8[])",
                new String[] {"varchar", "varchar", "int8"}, userInserts, true));
        List<Object[]> inserts = new ArrayList<>();
        for (UsageRecord u : changes.newUsages()) {
            inserts.add(row(u));
        }
        writes.add(new TableWrite("INSERT INTO coupon_usage (" + USAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "INSERT INTO coupon_usage (" + USAGE_COLUMNS + ") SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                        + " ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::timestamptz[],"
                        + " ?::varchar[], ?::timestamptz[], ?::int8[], ?::varchar[])", USAGE_TYPES, inserts, true));
        List<Object[]> closings = new ArrayList<>();
        for (UsageRecord u : changes.changedUsages()) {
            // guarded by the status the row has now (LOCKED, or REDEEMED for a reinstate): written at most once
            closings.add(new Object[] {u.status().name(), u.orderId() == null ? null : u.orderId().value(), timestamp(u.closedAt()),
                u.releaseReason(), timestamp(u.reinstatedAt()), u.id().value(), changes.storedStatusOf(u).name()});
        }
        writes.add(new TableWrite("UPDATE coupon_usage SET status = ?, order_id = ?, closed_at = ?, release_reason = ?,"
                + " reinstated_at = ? WHERE id = ? AND status = ?",
                "UPDATE coupon_usage t SET status = v.status, order_id = v.order_id, closed_at = v.at, release_reason = v.reason,"
                        + " reinstated_at = v.reinstated_at"
                        + " FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::timestamptz[], ?::varchar[],"
                        + " ?::varchar[]) AS v(status, order_id, at, reason, reinstated_at, id, stored)"
                        + " WHERE t.id = v.id AND t.status = v.stored",
                new String[] {"varchar", "varchar", "timestamptz", "varchar", "timestamptz", "varchar", "varchar"}, closings, true));
        List<Object[]> checkoutCloses = new ArrayList<>();
        changes.closedCheckouts().forEach((id, at) -> checkoutCloses.add(new Object[] {at, id.value()}));
        writes.add(new TableWrite("UPDATE coupon_checkout SET closed_at = ? WHERE checkout_id = ? AND closed_at IS NULL",
                "UPDATE coupon_checkout t SET closed_at = v.at FROM unnest(?::timestamptz[], ?::varchar[]) AS v(at, id)"
                        + " WHERE t.checkout_id = v.id AND t.closed_at IS NULL",
                new String[] {"timestamptz", "varchar"}, checkoutCloses, false));
        List<Object[]> codes = new ArrayList<>();
        changes.codes().forEach((code, change) -> codes.add(new Object[] {change.used(), change.redeemed(),
            timestamp(change.lastLockedAt()), timestamp(change.lastRedeemedAt()), code.value(), change.couponId().value()}));
        // relative: a code's count changes under its coupon's counter lock, its redeemed count at a redeem,
        // which holds no coupon lock; a shared code has no row (batch_id IS NULL) and is left as it is
        writes.add(new TableWrite(CODE_UPDATE + "WHERE code = ? AND coupon_id = ? AND batch_id IS NOT NULL",
                "UPDATE coupon_code t SET used = t.used + v.used, redeemed = t.redeemed + v.redeemed,"
                        + " last_locked_at = COALESCE(v.locked_at, t.last_locked_at),"
                        + " last_redeemed_at = COALESCE(v.redeemed_at, t.last_redeemed_at)"
                        + " FROM unnest(?::int8[], ?::int8[], ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::varchar[])"
                        + " AS v(used, redeemed, locked_at, redeemed_at, code, coupon_id)"
                        + " WHERE t.code = v.code AND t.coupon_id = v.coupon_id AND t.batch_id IS NOT NULL",
                new String[] {"int8", "int8", "timestamptz", "timestamptz", "varchar", "varchar"}, codes, false));
        writes.removeIf(w -> w.rows().isEmpty());
        return writes;
    }

    /** The update of a code row's counts and times, before its condition. */
    private static final String CODE_UPDATE = "UPDATE coupon_code SET used = used + ?, redeemed = redeemed + ?,"
            + " last_locked_at = COALESCE(CAST(? AS TIMESTAMP WITH TIME ZONE), last_locked_at),"
            + " last_redeemed_at = COALESCE(CAST(? AS TIMESTAMP WITH TIME ZONE), last_redeemed_at) ";

    /**
     * On H2, the code rows this transaction read (by their row ids, under the coupons' counter locks)
     * are updated by row id, which H2 finds in its table without a search of the code index; the same
     * conditions hold, so a row that is not the one read is not changed and the write fails as any
     * vanished row does. The other writes are kept as they are.
     */
    private static List<TableWrite> byRowIds(List<TableWrite> writes, Map<String, Long> codeRowIds) {
        if (codeRowIds.isEmpty()) {
            return writes;
        }
        List<TableWrite> result = new ArrayList<>(writes.size() + 1);
        for (TableWrite w : writes) {
            if (!w.oneRowSql().startsWith(CODE_UPDATE)) {
                result.add(w);
                continue;
            }
            List<Object[]> byId = new ArrayList<>();
            List<Object[]> byCode = new ArrayList<>();
            for (Object[] row : w.rows()) {
                Long id = codeRowIds.get((String) row[4]);
                if (id == null) {
                    byCode.add(row);
                } else {
                    Object[] r = java.util.Arrays.copyOf(row, row.length + 1);
                    r[row.length] = id;
                    byId.add(r);
                }
            }
            if (!byCode.isEmpty()) {
                result.add(new TableWrite(w.oneRowSql(), w.arraysSql(), w.types(), byCode, w.mustChangeAll()));
            }
            if (!byId.isEmpty()) {
                // read under the counter lock in this transaction: each row must change. The code and the
                // coupon are compared as expressions (CONCAT), which no index answers, so H2 finds the row by
                // its id alone and checks them on it
                result.add(new TableWrite(CODE_UPDATE + "WHERE CONCAT(code, '') = ? AND CONCAT(coupon_id, '') = ?"
                        + " AND batch_id IS NOT NULL AND _ROWID_ = ?", null, null, byId, true));
            }
        }
        return result;
    }

    /** The per-customer read model's changes, coupon by coupon. */
    private static java.util.Collection<JdbcReadModels.UsageDeltas> readModelDeltas(LedgerChanges changes) {
        Map<CouponId, JdbcReadModels.UsageDeltas> deltas = new TreeMap<>();
        for (UsageRecord u : changes.locked()) {
            deltas.computeIfAbsent(u.couponId(), JdbcReadModels.UsageDeltas::new).locked(u);
        }
        for (UsageRecord u : changes.closed()) {
            deltas.computeIfAbsent(u.couponId(), JdbcReadModels.UsageDeltas::new).closed(u);
        }
        return deltas.values();
    }

    /** Writes the changes: on PostgreSQL as one script, on H2 table by table as JDBC batches. */
    private void write(Connection c, LedgerChanges changes, Map<String, Long> codeRowIds) throws SQLException {
        if (postgres) {
            // the sweep's transaction, which read no audit head: each coupon's is read where its events are appended
            writePipelined(c, changes, Map.of());
            return;
        }
        for (TableWrite w : byRowIds(tableWrites(changes), codeRowIds)) {
            int changed = writeAll(c, w.oneRowSql(), w.rows());
            if (w.mustChangeAll() && changed != w.rows().size()) {
                throw new StorageException("a row of the ledger changed under its row lock: " + w.oneRowSql());
            }
        }
        for (JdbcReadModels.UsageDeltas deltas : readModelDeltas(changes)) {
            deltas.write(c);
        }
        for (CouponId coupon : changes.couponsWithEvents()) {
            Sql.recordAll(c, coupon.value(), changes.eventsOf(coupon));
        }
    }

    /** A usage row's columns, in {@link #USAGE_COLUMNS} order. */
    static Object[] row(UsageRecord u) {
        return new Object[] {u.id().value(), u.couponId().value(), u.code().value(), u.userId().value(), u.checkoutId().value(),
            u.status().name(), u.lockedAt(), u.expiresAt(), u.orderId() == null ? null : u.orderId().value(),
            timestamp(u.closedAt()), u.releaseReason(), timestamp(u.reinstatedAt()),
            Sql.bigint(u.discount() == null ? null : u.discount().minorUnits()),
            u.discount() == null ? null : u.discount().currency().getCurrencyCode()};
    }

    private static final String[] USAGE_TYPES = {"varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "timestamptz",
        "timestamptz", "varchar", "timestamptz", "varchar", "timestamptz", "int8", "varchar"};

    /**
     * Writes rows of one table on H2: one row as one statement, several as a JDBC batch.
     *
     * @return how many rows the writes changed
     */
    private static int writeAll(Connection c, String oneRowSql, List<Object[]> rows) throws SQLException {
        if (rows.size() == 1) {
            return update(c, oneRowSql, rows.get(0));
        }
        int changed = 0;
        for (int count : Sql.batch(c, oneRowSql, rows)) {
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
        List<Object> params = new ArrayList<>();
        addKeys(params, keys);
        Collections.addAll(params, after);
        return prepare(c, sql, params.toArray());
    }

    /**
     * Adds the parameters of a {@link #keys} condition: one array on PostgreSQL for several keys, one
     * parameter each elsewhere.
     */
    private void addKeys(List<Object> params, Collection<String> keys) {
        if (postgres && keys.size() > 1) {
            params.add(Sql.array("varchar", List.copyOf(keys)));
        } else {
            params.addAll(keys);
        }
    }
}
