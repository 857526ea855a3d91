package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.bigint;
import static dev.couponkernel.jdbc.internal.Sql.micros;
import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.ledger.LedgerDecision;
import dev.couponkernel.spi.ledger.LedgerOp;
import dev.couponkernel.spi.ledger.LedgerRules;
import dev.couponkernel.spi.ledger.LedgerState;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageLedger;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage ledger on tables {@code coupon_checkout}, {@code coupon_counter}, {@code
 * coupon_user_counter} and {@code coupon_usage}, each operation one transaction with its audit
 * entries and outbox events.
 *
 * <p>Every operation is one {@link LedgerTransaction}: it locks the rows the operation needs (the
 * checkout's row, its usages, the coupon's counter, the customer's counter, in that order), asks
 * {@link dev.couponkernel.spi.ledger.LedgerRules} what the operation does, and writes that. Race-free
 * by construction: operations on one checkout serialize on its row, operations that count on one
 * coupon on its counter row, and nothing is counted from a read not under that lock; the sweep
 * locks the stale usages it releases ({@code SKIP LOCKED} on PostgreSQL, so racing sweepers take
 * disjoint rows).
 *
 * <p>With {@link JdbcCouponStorage.Builder#combineConcurrentWrites(int)}, concurrent locks, redeems
 * and releases of one coupon run together in one such transaction, decided in arrival order by the
 * same rules, so each gets the outcome it would have had alone (ADR 8, ADR 12).
 *
 * <p>Thread-safe.
 */
public final class JdbcUsageLedger implements UsageLedger {

    private final Tx tx;
    private final boolean postgres;
    private final LedgerTransaction ledger;
    private final Combiner combiner;
    private final java.util.concurrent.atomic.AtomicLong combinedTransactions = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong combinedOperations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong combinedRollbacks = new java.util.concurrent.atomic.AtomicLong();
    private volatile RuntimeException lastRollback;
    /**
     * Checkouts this node locked, with the coupon: their redeem or release goes to that coupon's
     * combined transaction without a read first (which re-checks it under the row locks). Bounded.
     */
    private final Map<String, CouponId> lockedHere = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CouponId> eldest) {
            return size() > 100_000;
        }
    });

    JdbcUsageLedger(Tx tx, Dialect dialect, int maxCombined) {
        this.tx = tx;
        this.postgres = dialect == Dialect.POSTGRESQL;
        this.ledger = new LedgerTransaction(postgres);
        this.combiner = maxCombined > 1 ? new Combiner(maxCombined, this::runCombined) : null;
    }

    /** Runs concurrent operations of one coupon in one transaction. */
    private void runCombined(CouponId coupon, List<Combiner.Slot> slots) {
        if (slots.size() == 1) {
            Combiner.oneByOne(slots, op -> alone((LedgerOp) op));
            return;
        }
        List<LedgerOp> ops = new ArrayList<>(slots.size());
        for (Combiner.Slot slot : slots) {
            ops.add((LedgerOp) slot.op);
        }
        LedgerDecision decision;
        try {
            decision = tx.run(c -> ledger.run(c, ops), true);
        } catch (RuntimeException failure) {
            // the combined transaction rolled back whole: each operation runs alone, as if never combined
            combinedRollbacks.incrementAndGet();
            lastRollback = failure;
            Combiner.oneByOne(slots, op -> alone((LedgerOp) op));
            return;
        }
        combinedTransactions.incrementAndGet();
        combinedOperations.addAndGet(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            LedgerDecision.Outcome outcome = decision.outcomes().get(i);
            if (outcome.failure() != null) {
                slots.get(i).fail(outcome.failure());
            } else {
                slots.get(i).complete(outcome.value());
            }
        }
    }

    /** Runs one operation in a transaction of its own and returns its outcome (or throws its error). */
    private Object alone(LedgerOp op) {
        return tx.run(c -> ledger.run(c, List.of(op)), true).single(Object.class);
    }

    /** Runs one operation, combined with concurrent ones of the coupon when combining is on and the coupon is known. */
    private <T> T submit(LedgerOp op, Optional<CouponId> coupon, Class<T> type) {
        if (combiner != null && coupon.isPresent() && !tx.joining()) {
            return type.cast(combiner.submit(coupon.get(), op));
        }
        return type.cast(alone(op));
    }

    /**
     * How combining went so far on this ledger: transactions that combined several operations,
     * operations decided in them, and combined transactions that rolled back whole (their
     * operations then ran alone), with the last such failure.
     *
     * @return the figures, for monitoring and tests
     */
    public CombiningStats combiningStats() {
        return new CombiningStats(combinedTransactions.get(), combinedOperations.get(), combinedRollbacks.get(),
                Optional.ofNullable(lastRollback));
    }

    /**
     * Figures on combined transactions.
     *
     * @param transactions transactions that combined several operations and committed
     * @param operations operations decided in them
     * @param rollbacks combined transactions that rolled back whole
     * @param lastRollback why the last one rolled back
     */
    public record CombiningStats(long transactions, long operations, long rollbacks, Optional<RuntimeException> lastRollback) {}

    /** The one coupon a checkout holds usages of, if exactly one: then its redeem or release can be combined. */
    private Optional<CouponId> onlyCouponOf(CheckoutId checkoutId) {
        if (combiner == null) {
            return Optional.empty();
        }
        CouponId known = lockedHere.remove(checkoutId.value());
        if (known != null) {
            return Optional.of(known);
        }
        return tx.run(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT DISTINCT coupon_id FROM coupon_usage WHERE checkout_id = ?",
                    checkoutId.value()); ResultSet rs = ps.executeQuery()) {
                String first = rs.next() ? rs.getString(1) : null;
                return first == null || rs.next() ? Optional.<CouponId>empty() : Optional.of(CouponId.of(first));
            }
        }, false);
    }

    @Override
    public LockOutcome lock(LockRequest request) {
        Checks.notNull(request, "request");
        LockRequest r = request.at(micros(request.at()), micros(request.expiresAt()));
        LockOutcome outcome = submit(new LedgerOp.Lock(r), Optional.of(r.couponId()), LockOutcome.class);
        if (combiner != null && outcome.isLocked()) {
            lockedHere.put(r.checkoutId().value(), r.couponId());
        }
        return outcome;
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor) {
        LedgerOp op = new LedgerOp.Redeem(checkoutId, customer, orderId, micros(Checks.notNull(at, "at")), actor);
        return submit(op, onlyCouponOf(checkoutId), RedeemResult.class);
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor) {
        LedgerOp op = new LedgerOp.Release(checkoutId, customer, reason, micros(Checks.notNull(at, "at")), actor);
        return submit(op, onlyCouponOf(checkoutId), ReleaseResult.class);
    }

    @Override
    public ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, java.util.Set<CouponId> reinstatable, String reason,
            Instant at, Actor actor) {
        LedgerOp op = new LedgerOp.Reinstate(checkoutId, orderId, reinstatable, reason, micros(Checks.notNull(at, "at")), actor);
        return (ReinstateResult) alone(op);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<UsageRecord> releaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at, Actor actor) {
        LedgerOp op = new LedgerOp.ReleaseOne(checkoutId, couponId, reason, micros(Checks.notNull(at, "at")), actor);
        return (Optional<UsageRecord>) alone(op);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<UsageRecord> expireLocks(Instant now0, int batchSize, Actor actor) {
        Checks.notNull(now0, "now");
        Checks.positive(batchSize, "batchSize");
        Checks.notNull(actor, "actor");
        Instant now = micros(now0);
        return tx.run(c -> {
            List<UsageRecord> stale = new ArrayList<>();
            // racing sweepers take disjoint rows on PostgreSQL; H2 makes the second wait for the first
            try (PreparedStatement ps = prepare(c, "SELECT " + LedgerTransaction.USAGE_COLUMNS + " FROM coupon_usage"
                    + " WHERE status = 'LOCKED' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?"
                    + (postgres ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE"), now, batchSize); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(read(rs));
                }
            }
            if (!postgres && !stale.isEmpty()) {
                // H2 answers a waiting FOR UPDATE with the rows as they were; read them again now that they are held
                stale = reread(c, stale);
            }
            List<LedgerOp> ops = new ArrayList<>(stale.size());
            for (UsageRecord u : stale) {
                ops.add(new LedgerOp.Expire(u, now, actor));
            }
            List<UsageRecord> released = new ArrayList<>();
            if (ops.isEmpty()) {
                return released;
            }
            for (LedgerDecision.Outcome o : ledger.run(c, ops).outcomes()) {
                ((Optional<UsageRecord>) o.get(Optional.class)).ifPresent(released::add);
            }
            return released;
        }, true);
    }

    private static List<UsageRecord> reread(Connection c, List<UsageRecord> held) throws SQLException {
        List<Object> ids = new ArrayList<>();
        for (UsageRecord u : held) {
            ids.add(u.id().value());
        }
        List<UsageRecord> now = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT " + LedgerTransaction.USAGE_COLUMNS + " FROM coupon_usage WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY expires_at, id", ids.toArray());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                now.add(read(rs));
            }
        }
        return now;
    }

    @Override
    public LimitChange changeLimits(CouponId couponId, UsageLimits limits, Instant at, Actor actor) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(limits, "limits");
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        return tx.run(c -> {
            Optional<LedgerState.CouponRow> coupon = ledger.lockCoupon(c, couponId);
            long maxByUser;
            try (PreparedStatement ps = prepare(c, "SELECT COALESCE(MAX(used), 0) FROM coupon_user_counter WHERE coupon_id = ?",
                    couponId.value()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                maxByUser = rs.getLong(1);
            }
            Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved = coupon.isPresent()
                    ? BudgetRows.reserved(c, couponId) : Map.of();
            LimitChange change = LedgerRules.changeLimits(couponId, coupon, maxByUser, reserved, limits);
            if (change.applied()) {
                update(c, "UPDATE coupon_counter SET max_total_uses = ?, max_uses_per_user = ?, max_uses_per_code = ? WHERE coupon_id = ?",
                        bigint(limits.maxTotalUses().isPresent() ? limits.maxTotalUses().getAsLong() : null),
                        bigint(limits.maxUsesPerUser().isPresent() ? limits.maxUsesPerUser().getAsLong() : null),
                        bigint(limits.maxUsesPerCode().isPresent() ? limits.maxUsesPerCode().getAsLong() : null), couponId.value());
                BudgetRows.replace(c, couponId, LedgerRules.budgetRows(limits, reserved));
            }
            return change;
        }, true);
    }

    @Override
    public UsageCount count(CouponId couponId, UserId userId) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(userId, "userId");
        // one statement, so both counts come from one snapshot: read in two, a lock committing between
        // them could give a customer more uses than the total
        return tx.run(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT k.used, u.used FROM coupon_counter k LEFT JOIN coupon_user_counter u"
                    + " ON u.coupon_id = k.coupon_id AND u.user_id = ? WHERE k.coupon_id = ?", userId.value(), couponId.value());
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return UsageCount.NONE;
                }
                long total = rs.getLong(1);
                long byUser = rs.getLong(2);
                return new UsageCount(total, byUser);
            }
        }, false);
    }

    @Override
    public dev.couponkernel.spi.store.UsageSummary summary(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        // one statement, one snapshot: the counts and the sums agree with each other
        return tx.run(c -> {
            java.util.EnumMap<dev.couponkernel.spi.store.UsageStatus, Long> counts =
                    new java.util.EnumMap<>(dev.couponkernel.spi.store.UsageStatus.class);
            List<dev.couponkernel.spi.value.Money> locked = new ArrayList<>();
            List<dev.couponkernel.spi.value.Money> redeemed = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "SELECT status, discount_currency, COUNT(*), SUM(discount_minor)"
                    + " FROM coupon_usage WHERE coupon_id = ? GROUP BY status, discount_currency", couponId.value());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dev.couponkernel.spi.store.UsageStatus status = dev.couponkernel.spi.store.UsageStatus.valueOf(rs.getString(1));
                    counts.merge(status, rs.getLong(3), Long::sum);
                    String currency = rs.getString(2);
                    if (currency != null && (status == dev.couponkernel.spi.store.UsageStatus.LOCKED
                            || status == dev.couponkernel.spi.store.UsageStatus.REDEEMED)) {
                        dev.couponkernel.spi.value.Money sum = dev.couponkernel.spi.value.Money.ofMinor(rs.getLong(4),
                                dev.couponkernel.spi.value.Money.currency(currency));
                        (status == dev.couponkernel.spi.store.UsageStatus.LOCKED ? locked : redeemed).add(sum);
                    }
                }
            }
            return new dev.couponkernel.spi.store.UsageSummary(
                    counts.getOrDefault(dev.couponkernel.spi.store.UsageStatus.LOCKED, 0L),
                    counts.getOrDefault(dev.couponkernel.spi.store.UsageStatus.REDEEMED, 0L),
                    counts.getOrDefault(dev.couponkernel.spi.store.UsageStatus.RELEASED, 0L),
                    counts.getOrDefault(dev.couponkernel.spi.store.UsageStatus.REINSTATED, 0L), locked, redeemed);
        }, false);
    }

    @Override
    public List<UsageRecord> usagesOf(CheckoutId checkoutId) {
        Checks.notNull(checkoutId, "checkoutId");
        return tx.run(c -> {
            List<UsageRecord> usages = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "SELECT " + LedgerTransaction.USAGE_COLUMNS + " FROM coupon_usage WHERE checkout_id = ?"
                    + " ORDER BY coupon_id", checkoutId.value()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usages.add(read(rs));
                }
            }
            return List.copyOf(usages);
        }, false);
    }

    static UsageRecord read(ResultSet rs) throws SQLException {
        String order = rs.getString("order_id");
        return new UsageRecord(UsageId.of(rs.getString("id")), CouponId.of(rs.getString("coupon_id")),
                CouponCode.parse(rs.getString("code")), UserId.of(rs.getString("user_id")),
                CheckoutId.of(rs.getString("checkout_id")), UsageStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "locked_at"), Sql.instant(rs, "expires_at"), order == null ? null : OrderId.of(order),
                Sql.instant(rs, "closed_at"), rs.getString("release_reason"), Sql.instant(rs, "reinstated_at"), discount(rs));
    }

    private static dev.couponkernel.spi.value.Money discount(ResultSet rs) throws SQLException {
        String currency = rs.getString("discount_currency");
        return currency == null ? null
                : dev.couponkernel.spi.value.Money.ofMinor(rs.getLong("discount_minor"), java.util.Currency.getInstance(currency.trim()));
    }
}
