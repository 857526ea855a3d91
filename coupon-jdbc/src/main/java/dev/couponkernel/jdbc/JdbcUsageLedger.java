package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.bigint;
import static dev.couponkernel.jdbc.internal.Sql.micros;
import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.timestamp;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.store.CheckoutCheck;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
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
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The usage ledger on tables {@code coupon_checkout}, {@code coupon_counter}, {@code
 * coupon_user_counter} and {@code coupon_usage}, each operation one transaction with its audit
 * entries and outbox events.
 *
 * <p>Race-free by construction: every operation on a checkout first locks its {@code coupon_checkout}
 * row, so operations on one checkout serialize; a lock counts a use with a conditional {@code UPDATE
 * ... SET used = used + 1 WHERE used < limit} on the coupon's counter row and then on the customer's,
 * never a read followed by a write; the sweep releases a usage with a conditional {@code UPDATE ...
 * WHERE status = 'LOCKED'}, so two sweepers never release one lock twice. Locks are always taken in
 * the order checkout row, usage rows, coupon counter, customer counter.
 *
 * <p>With {@link JdbcCouponStorage.Builder#combineConcurrentWrites(int)}, concurrent locks, redeems
 * and releases of one coupon run together in one transaction that takes the same locks in the same
 * order and gives each operation the outcome it would have had alone (ADR 8).
 *
 * <p>Thread-safe.
 */
public final class JdbcUsageLedger implements UsageLedger {

    /** Marks a LOCKED usage REDEEMED: order, closing instant, usage id. */
    static final String REDEEM_USAGE = "UPDATE coupon_usage SET status = 'REDEEMED', order_id = ?, closed_at = ?"
            + " WHERE id = ? AND status = 'LOCKED'";
    /** Marks a LOCKED usage RELEASED: closing instant, reason, usage id. */
    static final String RELEASE_USAGE = "UPDATE coupon_usage SET status = 'RELEASED', closed_at = ?, release_reason = ?"
            + " WHERE id = ? AND status = 'LOCKED'";

    static final String USAGE_COLUMNS = "id, coupon_id, code, user_id, checkout_id, status, locked_at, expires_at,"
            + " order_id, closed_at, release_reason";
    /** Inserts a new usage; {@link #insertRow} gives its parameters. */
    static final String INSERT_USAGE = "INSERT INTO coupon_usage (" + USAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Tx tx;
    private final String lockStaleRows;
    private final Combiner combiner;
    private final CombinedWrites combined;
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
        // racing sweepers take disjoint rows on PostgreSQL; H2 makes the second wait for the first
        this.lockStaleRows = dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        this.combined = new CombinedWrites(dialect == Dialect.POSTGRESQL);
        this.combiner = maxCombined > 1 ? new Combiner(maxCombined, this::runCombined) : null;
    }

    /** Runs concurrent operations of one coupon in one transaction; what that transaction leaves aside runs alone after it. */
    private void runCombined(CouponId coupon, List<Combiner.Slot> slots) {
        if (slots.size() == 1) {
            Combiner.oneByOne(slots, this::alone);
            return;
        }
        List<Object> ops = new ArrayList<>(slots.size());
        for (Combiner.Slot slot : slots) {
            ops.add(slot.op);
        }
        List<Object> results;
        try {
            results = tx.run(c -> combined.run(c, coupon, ops), true);
        } catch (RuntimeException failure) {
            // the combined transaction rolled back whole: each operation runs alone, as if never combined
            combinedRollbacks.incrementAndGet();
            lastRollback = failure;
            Combiner.oneByOne(slots, this::alone);
            return;
        }
        combinedTransactions.incrementAndGet();
        List<Combiner.Slot> alone = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (results.get(i) == CombinedWrites.ALONE) {
                alone.add(slots.get(i));
            } else {
                combinedOperations.incrementAndGet();
                slots.get(i).complete(results.get(i));
            }
        }
        Combiner.oneByOne(alone, this::alone);
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

    private Object alone(Object op) {
        if (op instanceof CombinedWrites.LockOp l) {
            return lockAlone(l.request());
        }
        if (op instanceof CombinedWrites.RedeemOp r) {
            return redeemAlone(r.checkoutId(), r.customer(), r.orderId(), r.at(), r.actor());
        }
        CombinedWrites.ReleaseOp r = (CombinedWrites.ReleaseOp) op;
        return releaseAlone(r.checkoutId(), r.customer(), r.reason(), r.at(), r.actor());
    }

    /** The one coupon a checkout holds usages of, if exactly one: then its redeem or release can be combined. */
    private Optional<CouponId> onlyCouponOf(CheckoutId checkoutId) {
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
        if (combiner == null) {
            return lockAlone(request);
        }
        LockOutcome outcome = combiner.submit(request.couponId(), new CombinedWrites.LockOp(request));
        if (outcome.isLocked()) {
            lockedHere.put(request.checkoutId().value(), request.couponId());
        }
        return outcome;
    }

    private LockOutcome lockAlone(LockRequest request) {
        LockRequest r = new LockRequest(request.couponId(), request.code(), request.userId(), request.checkoutId(),
                request.limits(), micros(request.at()), micros(request.expiresAt()), request.actor());
        return tx.run(c -> {
            boolean closed = lockCheckout(c, r.checkoutId());
            // the checkout's usages in one read under its lock: its owner, and this coupon's usage
            List<UsageRecord> ofCheckout = usagesForUpdate(c, r.checkoutId());
            CheckoutCheck check = CheckoutCheck.of(ofCheckout, closed, r);
            if (check.expired() != null) {
                release(c, check.expired(), CouponReleased.EXPIRED, r.at(), r.actor());
            }
            if (!check.proceeds()) {
                return check.outcome();
            }
            long passedTotal = r.limits().maxTotalUses().orElse(Long.MAX_VALUE);
            String countUse = "UPDATE coupon_counter SET used = used + 1 WHERE coupon_id = ? AND used < ?"
                    + " AND (max_total_uses IS NULL OR used < max_total_uses)";
            if (update(c, countUse, r.couponId().value(), passedTotal) == 0) {
                // not counted: say why, an unknown or inactive coupon before a full one
                LockOutcome inactive = refusalUnlessActive(c, r.couponId());
                if (inactive != null) {
                    return inactive;
                }
                ensureCounter(c, r.couponId());
                if (update(c, countUse, r.couponId().value(), passedTotal) == 0) {
                    Counter counter = counter(c, r.couponId());
                    throw new Tx.RollbackWith(LockOutcome.totalLimitReached(counter.used,
                            LockOutcome.totalInForce(r.limits(), counter.maxTotal)));
                }
            }
            // read now that this transaction holds the counter row, which a status change also locks:
            // a disable either committed before (seen here) or waits until this lock committed
            Long maxPerUser;
            try (PreparedStatement ps = prepare(c, "SELECT k.max_uses_per_user, c.status FROM coupon_counter k"
                    + " JOIN coupon c ON c.id = k.coupon_id WHERE k.coupon_id = ?", r.couponId().value());
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Tx.RollbackWith(LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + r.couponId() + " is not stored"));
                }
                maxPerUser = Sql.nullableLong(rs, "max_uses_per_user");
                LockOutcome inactive = LockOutcome.unlessActive(CouponStatus.valueOf(rs.getString("status")), r.couponId());
                if (inactive != null) {
                    throw new Tx.RollbackWith(inactive);
                }
            }
            long perUser = LockOutcome.perUserInForce(r.limits(), maxPerUser);
            if (update(c, "UPDATE coupon_user_counter SET used = used + 1 WHERE coupon_id = ? AND user_id = ? AND used < ?",
                    r.couponId().value(), r.userId().value(), perUser) == 0) {
                Long used = userCount(c, r.couponId(), r.userId());
                if (used != null) {
                    throw new Tx.RollbackWith(LockOutcome.userLimitReached(r.userId(), used, perUser));
                }
                // the coupon counter row lock we hold serializes every first use of this coupon
                update(c, "INSERT INTO coupon_user_counter (coupon_id, user_id, used) VALUES (?, ?, 1)",
                        r.couponId().value(), r.userId().value());
            }
            UsageRecord usage = UsageRecord.locked(UsageId.of(UUID.randomUUID().toString()), r);
            update(c, INSERT_USAGE, insertRow(usage));
            JdbcReadModels.usageLocked(c, usage);
            Sql.record(c, new CouponApplied(usage.couponId(), usage.code(), r.at(), r.actor(), usage.id(), usage.userId(),
                    usage.checkoutId(), usage.expiresAt()));
            return LockOutcome.locked(usage);
        }, true);
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at0, Actor actor) {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(orderId, "orderId");
        Checks.notNull(at0, "at");
        Checks.notNull(actor, "actor");
        if (combiner != null) {
            Optional<CouponId> coupon = onlyCouponOf(checkoutId);
            if (coupon.isPresent()) {
                return combiner.submit(coupon.get(), new CombinedWrites.RedeemOp(checkoutId, customer, orderId, at0, actor));
            }
        }
        return redeemAlone(checkoutId, customer, orderId, at0, actor);
    }

    private RedeemResult redeemAlone(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at0, Actor actor) {
        Instant at = micros(at0);
        return tx.run(c -> {
            lockCheckout(c, checkoutId);
            List<UsageRecord> usages = usagesForUpdate(c, checkoutId);
            RedeemResult.Status status = RedeemResult.decide(checkoutId, usages, customer, orderId, at);
            if (status == RedeemResult.Status.NOT_FOUND) {
                close(c, checkoutId, at);
            }
            if (status != RedeemResult.Status.REDEEMED) {
                return new RedeemResult(status, usages);
            }
            List<UsageRecord> after = new ArrayList<>(usages.size());
            for (UsageRecord u : usages) {
                if (u.status() != UsageStatus.LOCKED) {
                    after.add(u);
                    continue;
                }
                UsageRecord done = u.redeemed(orderId, at);
                after.add(done);
                if (update(c, REDEEM_USAGE, orderId.value(), at, u.id().value()) != 1) {
                    throw new StorageException("usage " + u.id() + " changed under its row lock");
                }
                JdbcReadModels.usageClosed(c, done);
                Sql.record(c, new CouponRedeemed(done.couponId(), done.code(), at, actor, done.id(), done.userId(),
                        checkoutId, orderId));
            }
            close(c, checkoutId, at);
            return new RedeemResult(RedeemResult.Status.REDEEMED, after);
        }, true);
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at0, Actor actor) {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.text(reason, "reason", 512);
        Checks.notNull(at0, "at");
        Checks.notNull(actor, "actor");
        if (combiner != null) {
            Optional<CouponId> coupon = onlyCouponOf(checkoutId);
            if (coupon.isPresent()) {
                return combiner.submit(coupon.get(), new CombinedWrites.ReleaseOp(checkoutId, customer, reason, at0, actor));
            }
        }
        return releaseAlone(checkoutId, customer, reason, at0, actor);
    }

    private ReleaseResult releaseAlone(CheckoutId checkoutId, UserId customer, String reason, Instant at0, Actor actor) {
        Instant at = micros(at0);
        return tx.run(c -> {
            lockCheckout(c, checkoutId);
            List<UsageRecord> usages = usagesForUpdate(c, checkoutId);
            ReleaseResult.Status status = ReleaseResult.decide(checkoutId, usages, customer);
            close(c, checkoutId, at);
            List<UsageRecord> after = new ArrayList<>(usages.size());
            for (UsageRecord u : usages) {
                after.add(u.status() == UsageStatus.LOCKED ? release(c, u, reason, at, actor) : u);
            }
            return new ReleaseResult(status, after);
        }, true);
    }

    @Override
    public Optional<UsageRecord> releaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at0, Actor actor) {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(couponId, "couponId");
        Checks.text(reason, "reason", 512);
        Checks.notNull(at0, "at");
        Checks.notNull(actor, "actor");
        Instant at = micros(at0);
        return tx.run(c -> {
            lockCheckout(c, checkoutId);
            UsageRecord u = usage(c, couponId, checkoutId);
            if (u == null) {
                return Optional.<UsageRecord>empty();
            }
            return Optional.of(u.status() == UsageStatus.LOCKED ? release(c, u, reason, at, actor) : u);
        }, true);
    }

    @Override
    public List<UsageRecord> expireLocks(Instant now0, int batchSize, Actor actor) {
        Checks.notNull(now0, "now");
        Checks.positive(batchSize, "batchSize");
        Checks.notNull(actor, "actor");
        Instant now = micros(now0);
        return tx.run(c -> {
            List<UsageRecord> candidates = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "SELECT " + USAGE_COLUMNS + " FROM coupon_usage"
                    + " WHERE status = 'LOCKED' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?" + lockStaleRows, now, batchSize);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(read(rs));
                }
            }
            List<UsageRecord> released = new ArrayList<>();
            for (UsageRecord u : candidates) {
                // the conditional update decides which sweeper releases the lock: the other sees 0 rows
                if (update(c, RELEASE_USAGE, closedAt(u, now), CouponReleased.EXPIRED, u.id().value()) == 1) {
                    released.add(countReleased(c, u, CouponReleased.EXPIRED, now, actor));
                }
            }
            return released;
        }, true);
    }

    @Override
    public LimitChange changeLimits(CouponId couponId, UsageLimits limits, Instant at, Actor actor) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(limits, "limits");
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        return tx.run(c -> {
            if (counter(c, couponId) == null) {
                try (PreparedStatement ps = prepare(c, "SELECT 1 FROM coupon WHERE id = ?", couponId.value());
                        ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new dev.couponkernel.spi.error.NotFoundException("no coupon " + couponId);
                    }
                }
                ensureCounter(c, couponId);
            }
            long used;
            try (PreparedStatement ps = prepare(c, "SELECT used FROM coupon_counter WHERE coupon_id = ? FOR UPDATE",
                    couponId.value()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                used = rs.getLong(1);
            }
            long maxByUser;
            try (PreparedStatement ps = prepare(c, "SELECT COALESCE(MAX(used), 0) FROM coupon_user_counter WHERE coupon_id = ?",
                    couponId.value()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                maxByUser = rs.getLong(1);
            }
            LimitChange change = LimitChange.decide(used, maxByUser, limits);
            if (!change.applied()) {
                return change;
            }
            update(c, "UPDATE coupon_counter SET max_total_uses = ?, max_uses_per_user = ? WHERE coupon_id = ?",
                    bigint(limits.maxTotalUses().isPresent() ? limits.maxTotalUses().getAsLong() : null),
                    bigint(limits.maxUsesPerUser().isPresent() ? limits.maxUsesPerUser().getAsLong() : null), couponId.value());
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
    public List<UsageRecord> usagesOf(CheckoutId checkoutId) {
        Checks.notNull(checkoutId, "checkoutId");
        return tx.run(c -> {
            List<UsageRecord> usages = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "SELECT " + USAGE_COLUMNS + " FROM coupon_usage WHERE checkout_id = ?"
                    + " ORDER BY coupon_id", checkoutId.value()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usages.add(read(rs));
                }
            }
            return List.copyOf(usages);
        }, false);
    }

    // ---- helpers, each within the caller's transaction ----

    /** Locks the checkout's row, creating it if absent; returns whether the checkout is closed. */
    private static boolean lockCheckout(Connection c, CheckoutId checkoutId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT closed_at FROM coupon_checkout WHERE checkout_id = ? FOR UPDATE",
                checkoutId.value()); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return rs.getObject(1) != null;
            }
        }
        // the row this inserts is locked by this transaction until it ends; a concurrent insert of the
        // same id fails on the primary key and the transaction is run again
        update(c, "INSERT INTO coupon_checkout (checkout_id, closed_at) VALUES (?, ?)", checkoutId.value(), timestamp(null));
        return false;
    }

    private static void close(Connection c, CheckoutId checkoutId, Instant at) throws SQLException {
        update(c, "UPDATE coupon_checkout SET closed_at = ? WHERE checkout_id = ? AND closed_at IS NULL", at, checkoutId.value());
    }

    /** Returns the refusal for a coupon that is not stored or not ACTIVE, or null when it is ACTIVE. */
    private static LockOutcome refusalUnlessActive(Connection c, CouponId couponId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT status FROM coupon WHERE id = ?", couponId.value());
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + couponId + " is not stored");
            }
            return LockOutcome.unlessActive(CouponStatus.valueOf(rs.getString(1)), couponId);
        }
    }

    private static void ensureCounter(Connection c, CouponId couponId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT 1 FROM coupon_counter WHERE coupon_id = ?", couponId.value());
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return;
            }
        }
        // a concurrent insert fails on the primary key and the transaction is run again
        update(c, "INSERT INTO coupon_counter (coupon_id, max_total_uses, max_uses_per_user, used) VALUES (?, ?, ?, 0)",
                couponId.value(), bigint(null), bigint(null));
    }

    /** The coupon's counter row. */
    private record Counter(long used, Long maxTotal, Long maxPerUser) {}

    private static Counter counter(Connection c, CouponId couponId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT used, max_total_uses, max_uses_per_user FROM coupon_counter"
                + " WHERE coupon_id = ?", couponId.value()); ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? new Counter(rs.getLong("used"), Sql.nullableLong(rs, "max_total_uses"), Sql.nullableLong(rs, "max_uses_per_user"))
                    : null;
        }
    }

    private static Long userCount(Connection c, CouponId couponId, UserId userId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT used FROM coupon_user_counter WHERE coupon_id = ? AND user_id = ?",
                couponId.value(), userId.value()); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static UsageRecord usage(Connection c, CouponId couponId, CheckoutId checkoutId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT " + USAGE_COLUMNS + " FROM coupon_usage WHERE coupon_id = ?"
                + " AND checkout_id = ? FOR UPDATE", couponId.value(), checkoutId.value()); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? read(rs) : null;
        }
    }

    private static List<UsageRecord> usagesForUpdate(Connection c, CheckoutId checkoutId) throws SQLException {
        List<UsageRecord> usages = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT " + USAGE_COLUMNS + " FROM coupon_usage WHERE checkout_id = ?"
                + " ORDER BY coupon_id FOR UPDATE", checkoutId.value()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                usages.add(read(rs));
            }
        }
        return usages;
    }

    static Instant closedAt(UsageRecord u, Instant at) {
        return at.isBefore(u.lockedAt()) ? u.lockedAt() : at;
    }

    /** Releases a LOCKED usage whose row the transaction holds. */
    private static UsageRecord release(Connection c, UsageRecord u, String reason, Instant at, Actor actor) throws SQLException {
        if (update(c, RELEASE_USAGE, closedAt(u, at), reason, u.id().value()) != 1) {
            throw new StorageException("usage " + u.id() + " changed under its row lock");
        }
        return countReleased(c, u, reason, at, actor);
    }

    /** Restores the counts of a usage just marked RELEASED and records the change. */
    private static UsageRecord countReleased(Connection c, UsageRecord u, String reason, Instant at, Actor actor)
            throws SQLException {
        UsageRecord done = u.released(reason, closedAt(u, at));
        if (update(c, "UPDATE coupon_counter SET used = used - 1 WHERE coupon_id = ? AND used > 0", u.couponId().value()) != 1
                || update(c, "UPDATE coupon_user_counter SET used = used - 1 WHERE coupon_id = ? AND user_id = ? AND used > 0",
                        u.couponId().value(), u.userId().value()) != 1) {
            throw new StorageException("the counters of coupon " + u.couponId() + " disagree with its usages");
        }
        JdbcReadModels.usageClosed(c, done);
        Sql.record(c, new CouponReleased(done.couponId(), done.code(), done.closedAt(), actor, done.id(), done.userId(),
                done.checkoutId(), reason));
        return done;
    }

    /** The parameters of {@link #INSERT_USAGE} for a new LOCKED usage. */
    static Object[] insertRow(UsageRecord u) {
        return new Object[] {u.id().value(), u.couponId().value(), u.code().value(), u.userId().value(), u.checkoutId().value(),
                u.status().name(), u.lockedAt(), u.expiresAt(), null, timestamp(null), null};
    }

    static UsageRecord read(ResultSet rs) throws SQLException {
        String order = rs.getString("order_id");
        return new UsageRecord(UsageId.of(rs.getString("id")), CouponId.of(rs.getString("coupon_id")),
                CouponCode.parse(rs.getString("code")), UserId.of(rs.getString("user_id")),
                CheckoutId.of(rs.getString("checkout_id")), UsageStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "locked_at"), Sql.instant(rs, "expires_at"), order == null ? null : OrderId.of(order),
                Sql.instant(rs, "closed_at"), rs.getString("release_reason"));
    }
}
