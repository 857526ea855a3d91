package dev.couponkernel.jpa;

import static dev.couponkernel.jdbc.internal.Sql.micros;

import dev.couponkernel.jpa.entity.CheckoutRow;
import dev.couponkernel.jpa.entity.CounterRow;
import dev.couponkernel.jpa.entity.UsageRow;
import dev.couponkernel.jpa.entity.UserCounterRow;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.jpa.internal.Writes;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.ledger.LedgerChanges;
import dev.couponkernel.spi.ledger.LedgerDecision;
import dev.couponkernel.spi.ledger.LedgerOp;
import dev.couponkernel.spi.ledger.LedgerRules;
import dev.couponkernel.spi.ledger.LedgerState;
import dev.couponkernel.spi.ledger.LedgerState.CustomerKey;
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
import dev.couponkernel.spi.value.TimeOrderedId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The usage ledger on entities {@code CkCheckout}, {@code CkCounter}, {@code CkUserCounter} and
 * {@code CkUsage} (the tables of coupon-jdbc), each operation one unit of work with its audit
 * entries and outbox events: the host's transaction when joined, else one of its own.
 *
 * <p>Every operation locks the rows it needs ({@code PESSIMISTIC_WRITE}) in the order every ledger
 * of this schema takes them (checkout, its usages, coupon counter, customer counter, audit head),
 * asks {@link LedgerRules} what it does, and writes exactly that through bulk statements and new
 * rows, never through managed entities. Since nothing is written before the decision, a refusal
 * needs no rollback (which would undo a joined host's own work): the only row it took to lock, a new
 * checkout's, is deleted again. No combining of concurrent writes (that is a JDBC storage option).
 * Thread-safe.
 */
public final class JpaUsageLedger implements UsageLedger {

    private static final String COLUMNS = "SELECT u.id, u.couponId, u.code, u.userId, u.checkoutId, u.status, u.lockedAt,"
            + " u.expiresAt, u.orderId, u.closedAt, u.releaseReason, u.reinstatedAt, u.discountMinor, u.discountCurrency FROM CkUsage u";

    private final JpaTx tx;

    JpaUsageLedger(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public LockOutcome lock(LockRequest request) {
        Checks.notNull(request, "request");
        LockRequest r = request.at(micros(request.at()), micros(request.expiresAt()));
        return run(new LedgerOp.Lock(r), LockOutcome.class);
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor) {
        return run(new LedgerOp.Redeem(checkoutId, customer, orderId, micros(Checks.notNull(at, "at")), actor), RedeemResult.class);
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor) {
        return run(new LedgerOp.Release(checkoutId, customer, reason, micros(Checks.notNull(at, "at")), actor), ReleaseResult.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<UsageRecord> releaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at, Actor actor) {
        return run(new LedgerOp.ReleaseOne(checkoutId, couponId, reason, micros(Checks.notNull(at, "at")), actor), Optional.class);
    }

    @Override
    public ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, java.util.Set<CouponId> reinstatable, String reason,
            Instant at, Actor actor) {
        return run(new LedgerOp.Reinstate(checkoutId, orderId, reinstatable, reason, micros(Checks.notNull(at, "at")), actor),
                ReinstateResult.class);
    }

    /** Runs one operation in a unit of work and returns its outcome (or throws its error). */
    private <T> T run(LedgerOp op, Class<T> type) {
        return tx.run(em -> decideAndWrite(em, List.of(op)), true).single(type);
    }

    /**
     * Releases locks whose time is up, oldest first. On PostgreSQL concurrent sweepers skip each
     * other's rows ({@code SKIP LOCKED}); where the provider or database cannot skip, the second
     * waits for the first and then reads the usages again, finding them released.
     */
    @Override
    @SuppressWarnings("unchecked")
    public List<UsageRecord> expireLocks(Instant now0, int batchSize, Actor actor) {
        Checks.notNull(now0, "now");
        Checks.positive(batchSize, "batchSize");
        Checks.notNull(actor, "actor");
        Instant now = micros(now0);
        return tx.run(em -> {
            List<String> ids = Writes.forUpdate(em, "SELECT u.id FROM CkUsage u WHERE u.status = 'LOCKED' AND u.expiresAt <= :now"
                            + " ORDER BY u.expiresAt, u.id", String.class)
                    .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED).setParameter("now", now).setMaxResults(batchSize)
                    .getResultList();
            List<UsageRecord> released = new ArrayList<>();
            if (ids.isEmpty()) {
                return released;
            }
            // read again now that the rows are held: a sweeper that waited sees them as the other left them
            List<LedgerOp> ops = em.createQuery(COLUMNS + " WHERE u.id IN :ids ORDER BY u.expiresAt, u.id", Object[].class)
                    .setParameter("ids", ids).getResultList().stream().map(JpaUsageLedger::read)
                    .map(u -> (LedgerOp) new LedgerOp.Expire(u, now, actor)).toList();
            for (LedgerDecision.Outcome o : decideAndWrite(em, ops).outcomes()) {
                ((Optional<UsageRecord>) o.get(Optional.class)).ifPresent(released::add);
            }
            return released;
        }, true);
    }

    /** The lock time-out that asks Hibernate ORM (and EclipseLink) for {@code SKIP LOCKED}; others wait instead. */
    private static final int SKIP_LOCKED = -2;

    @Override
    public LimitChange changeLimits(CouponId couponId, UsageLimits limits, Instant at, Actor actor) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(limits, "limits");
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        return tx.run(em -> {
            LedgerState.Builder state = LedgerState.builder();
            readCoupons(em, List.of(couponId), state);
            Long top = em.createQuery("SELECT MAX(k.used) FROM CkUserCounter k WHERE k.couponId = :coupon", Long.class)
                    .setParameter("coupon", couponId.value()).getSingleResult();
            java.util.Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved = Writes.reserved(em, couponId);
            LimitChange change = LedgerRules.changeLimits(couponId, state.build().coupons().get(couponId), top == null ? 0 : top,
                    reserved, limits);
            if (change.applied()) {
                Writes.replaceBudgets(em, couponId, LedgerRules.budgetRows(limits, reserved));
                em.createQuery("UPDATE CkCounter k SET k.maxTotalUses = :total, k.maxUsesPerUser = :perUser,"
                                + " k.maxUsesPerCode = :perCode WHERE k.couponId = :coupon")
                        .setParameter("total", limits.maxTotalUses().isPresent() ? limits.maxTotalUses().getAsLong() : null)
                        .setParameter("perUser", limits.maxUsesPerUser().isPresent() ? limits.maxUsesPerUser().getAsLong() : null)
                        .setParameter("perCode", limits.maxUsesPerCode().isPresent() ? limits.maxUsesPerCode().getAsLong() : null)
                        .setParameter("coupon", couponId.value()).executeUpdate();
            }
            return change;
        }, true);
    }

    // ---- the one unit of work: lock and read, decide, write ----

    private static LedgerDecision decideAndWrite(EntityManager em, List<LedgerOp> ops) {
        LedgerState.Builder state = LedgerState.builder();
        TreeSet<String> checkouts = new TreeSet<>();
        for (LedgerOp op : ops) {
            if (op.readsCheckout()) {
                checkouts.add(op.checkoutId().value());
            }
        }
        Map<CheckoutId, LedgerState.CheckoutRow> rows = new TreeMap<>();
        List<String> created = new ArrayList<>();
        for (String id : checkouts) {
            CheckoutId checkout = CheckoutId.of(id);
            boolean closed = lockCheckout(em, checkout, created);
            List<UsageRecord> usages = Writes.forUpdate(em, COLUMNS + " WHERE u.checkoutId = :checkout ORDER BY u.couponId",
                    Object[].class).setParameter("checkout", id).getResultList().stream().map(JpaUsageLedger::read).toList();
            rows.put(checkout, new LedgerState.CheckoutRow(closed, usages));
            state.checkout(checkout, closed, usages);
        }
        LedgerRules.Needs needs = LedgerRules.needs(ops, rows);
        Map<CouponId, java.util.Optional<LedgerState.CouponRow>> coupons = readCoupons(em, needs.coupons(), state);
        for (CustomerKey key : needs.customers()) {
            List<Long> used = Writes.forUpdate(em, "SELECT k.used FROM CkUserCounter k WHERE k.couponId = :coupon AND k.userId = :user",
                    Long.class).setParameter("coupon", key.couponId().value()).setParameter("user", key.userId().value()).getResultList();
            state.customer(key, used.isEmpty() ? null : used.get(0));
        }
        // read while the coupons' counter rows are held (every change of a code's count holds that lock too)
        for (CouponCode code : LedgerRules.codeNeeds(ops, coupons)) {
            List<Object[]> found = em.createQuery("SELECT k.couponId, k.voidedAt, k.used FROM CkCode k WHERE k.code = :code"
                    + " AND k.batchId IS NOT NULL", Object[].class).setParameter("code", code.value()).getResultList();
            state.code(code, found.isEmpty() ? null : new LedgerState.CodeRow(CouponId.of((String) found.get(0)[0]),
                    found.get(0)[1] != null, (Long) found.get(0)[2]));
        }
        LedgerDecision decision = LedgerRules.decide(state.build(), ops, () -> UsageId.of(TimeOrderedId.next()));
        LedgerChanges changes = decision.changes();
        if (changes.isEmpty()) {
            // nothing decided: take back the rows inserted only to hold a new checkout's lock
            for (String id : created) {
                em.createQuery("DELETE FROM CkCheckout c WHERE c.checkoutId = :id").setParameter("id", id).executeUpdate();
            }
            return decision;
        }
        write(em, changes);
        return decision;
    }

    /** Locks the coupons' counter rows in id order, then reads their statuses; makes a missing counter of a stored coupon. */
    private static Map<CouponId, java.util.Optional<LedgerState.CouponRow>> readCoupons(EntityManager em,
            java.util.Collection<CouponId> coupons, LedgerState.Builder state) {
        Map<CouponId, java.util.Optional<LedgerState.CouponRow>> read = new TreeMap<>();
        for (CouponId id : coupons) {
            List<Object[]> counter = Writes.forUpdate(em, "SELECT k.used, k.maxTotalUses, k.maxUsesPerUser, k.maxUsesPerCode"
                    + " FROM CkCounter k WHERE k.couponId = :coupon", Object[].class).setParameter("coupon", id.value()).getResultList();
            List<Object[]> status = em.createQuery("SELECT c.status, c.uniqueCodes FROM CkCoupon c WHERE c.id = :coupon",
                    Object[].class).setParameter("coupon", id.value()).getResultList();
            if (status.isEmpty()) {
                state.couponNotStored(id);
                read.put(id, java.util.Optional.empty());
                continue;
            }
            if (counter.isEmpty()) {
                // a stored coupon without its counter row (written by hand): the counter is made, unlimited,
                // as coupon-jdbc makes it; a concurrent insert fails on the primary key and the work is run again
                Writes.insert(em, new CounterRow(id.value(), null, null, 0));
                counter = List.<Object[]>of(new Object[] {0L, null, null, null});
            }
            Object[] k = counter.get(0);
            // changed only while the counter row is held, so read once it is
            java.util.Map<java.util.Currency, LedgerState.Budget> budgets = new java.util.HashMap<>();
            for (Object[] b : em.createQuery("SELECT b.currency, b.budgetMinor, b.spentMinor FROM CkBudget b WHERE b.couponId = :coupon",
                    Object[].class).setParameter("coupon", id.value()).getResultList()) {
                java.util.Currency currency = java.util.Currency.getInstance(((String) b[0]).trim());
                budgets.put(currency, new LedgerState.Budget(dev.couponkernel.spi.value.Money.ofMinor((Long) b[1], currency),
                        dev.couponkernel.spi.value.Money.ofMinor((Long) b[2], currency)));
            }
            boolean unique = (Boolean) status.get(0)[1];
            LedgerState.CouponRow row = new LedgerState.CouponRow(CouponStatus.valueOf((String) status.get(0)[0]), (Long) k[0],
                    (Long) k[1], (Long) k[2], budgets, unique, unique ? (Long) k[3] : null);
            state.coupon(id, row);
            read.put(id, java.util.Optional.of(row));
        }
        return read;
    }

    private static void write(EntityManager em, LedgerChanges changes) {
        changes.counters().forEach((id, used) -> em.createQuery("UPDATE CkCounter k SET k.used = :used WHERE k.couponId = :coupon")
                .setParameter("used", used).setParameter("coupon", id.value()).executeUpdate());
        changes.spent().forEach((coupon, rows) -> rows.forEach((currency, spent) -> {
            if (em.createQuery("UPDATE CkBudget b SET b.spentMinor = :spent WHERE b.couponId = :coupon AND b.currency = :currency")
                    .setParameter("spent", spent.minorUnits()).setParameter("coupon", coupon.value())
                    .setParameter("currency", currency.getCurrencyCode()).executeUpdate() != 1) {
                throw new StorageException("the budget of coupon " + coupon + " in " + currency + " changed under its counter's lock");
            }
        }));
        changes.customerCounters().forEach((key, used) -> {
            if (changes.newCustomerCounters().contains(key)) {
                // the coupon counter row held here serializes every first use of the coupon by the customer
                Writes.insert(em, new UserCounterRow(key.couponId().value(), key.userId().value(), used));
            } else {
                em.createQuery("UPDATE CkUserCounter k SET k.used = :used WHERE k.couponId = :coupon AND k.userId = :user")
                        .setParameter("used", used).setParameter("coupon", key.couponId().value())
                        .setParameter("user", key.userId().value()).executeUpdate();
            }
        });
        for (UsageRecord u : changes.newUsages()) {
            Writes.insert(em, new UsageRow(u.id().value(), u.couponId().value(), u.code().value(), u.userId().value(),
                    u.checkoutId().value(), u.status().name(), u.lockedAt(), u.expiresAt(),
                    u.orderId() == null ? null : u.orderId().value(), u.closedAt(), u.releaseReason(), u.reinstatedAt(),
                    u.discount() == null ? null : u.discount().minorUnits(),
                    u.discount() == null ? null : u.discount().currency().getCurrencyCode()));
        }
        for (UsageRecord u : changes.changedUsages()) {
            // guarded by the status the row has now (LOCKED, or REDEEMED for a reinstate): written at most once
            if (em.createQuery("UPDATE CkUsage u SET u.status = :status, u.orderId = :order, u.closedAt = :at,"
                            + " u.releaseReason = :reason, u.reinstatedAt = :reinstated WHERE u.id = :id AND u.status = :stored")
                    .setParameter("status", u.status().name()).setParameter("order", u.orderId() == null ? null : u.orderId().value())
                    .setParameter("at", u.closedAt()).setParameter("reason", u.releaseReason())
                    .setParameter("reinstated", u.reinstatedAt()).setParameter("id", u.id().value())
                    .setParameter("stored", changes.storedStatusOf(u).name())
                    .executeUpdate() != 1) {
                throw new StorageException("usage " + u.id() + " changed under its row lock");
            }
        }
        changes.closedCheckouts().forEach((id, at) -> em.createQuery(
                        "UPDATE CkCheckout c SET c.closedAt = :at WHERE c.checkoutId = :id AND c.closedAt IS NULL")
                .setParameter("at", at).setParameter("id", id.value()).executeUpdate());
        // relative: a code's count changes under its coupon's counter lock, its redeemed count at a redeem,
        // which holds no coupon lock; a shared code's row (no batch) is left as it is
        changes.codes().forEach((code, change) -> em.createQuery("UPDATE CkCode k SET k.used = k.used + :used,"
                        + " k.redeemed = k.redeemed + :redeemed,"
                        + " k.lastLockedAt = COALESCE(:lockedAt, k.lastLockedAt), k.lastRedeemedAt = COALESCE(:redeemedAt, k.lastRedeemedAt)"
                        + " WHERE k.code = :code AND k.couponId = :coupon AND k.batchId IS NOT NULL")
                .setParameter("used", change.used()).setParameter("redeemed", change.redeemed())
                .setParameter("lockedAt", change.lastLockedAt()).setParameter("redeemedAt", change.lastRedeemedAt())
                .setParameter("code", code.value()).setParameter("coupon", change.couponId().value()).executeUpdate());
        changes.locked().forEach(u -> Writes.usageLocked(em, u));
        changes.closed().forEach(u -> Writes.usageClosed(em, u));
        for (CouponId coupon : changes.couponsWithEvents()) {
            Writes.recordAll(em, coupon.value(), changes.eventsOf(coupon));
        }
    }

    @Override
    public UsageCount count(CouponId couponId, UserId userId) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(userId, "userId");
        // one statement, so both counts come from one snapshot (as coupon-jdbc reads them)
        return tx.run(em -> {
            List<Object[]> rows = em.createQuery("SELECT k.used, u.used FROM CkCounter k LEFT JOIN CkUserCounter u"
                    + " ON u.couponId = k.couponId AND u.userId = :user WHERE k.couponId = :coupon", Object[].class)
                    .setParameter("coupon", couponId.value()).setParameter("user", userId.value()).getResultList();
            if (rows.isEmpty()) {
                return UsageCount.NONE;
            }
            Long byUser = (Long) rows.get(0)[1];
            return new UsageCount((Long) rows.get(0)[0], byUser == null ? 0 : byUser);
        }, false);
    }

    @Override
    public dev.couponkernel.spi.store.UsageSummary summary(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        // one statement, one snapshot (as coupon-jdbc reads it)
        return tx.run(em -> {
            java.util.EnumMap<UsageStatus, Long> counts = new java.util.EnumMap<>(UsageStatus.class);
            List<dev.couponkernel.spi.value.Money> locked = new java.util.ArrayList<>();
            List<dev.couponkernel.spi.value.Money> redeemed = new java.util.ArrayList<>();
            for (Object[] row : em.createQuery("SELECT u.status, u.discountCurrency, COUNT(u), SUM(u.discountMinor) FROM CkUsage u"
                    + " WHERE u.couponId = :coupon GROUP BY u.status, u.discountCurrency", Object[].class)
                    .setParameter("coupon", couponId.value()).getResultList()) {
                UsageStatus status = UsageStatus.valueOf((String) row[0]);
                counts.merge(status, ((Number) row[2]).longValue(), Long::sum);
                if (row[1] != null && (status == UsageStatus.LOCKED || status == UsageStatus.REDEEMED)) {
                    (status == UsageStatus.LOCKED ? locked : redeemed).add(dev.couponkernel.spi.value.Money.ofMinor(
                            ((Number) row[3]).longValue(), dev.couponkernel.spi.value.Money.currency((String) row[1])));
                }
            }
            return new dev.couponkernel.spi.store.UsageSummary(counts.getOrDefault(UsageStatus.LOCKED, 0L),
                    counts.getOrDefault(UsageStatus.REDEEMED, 0L), counts.getOrDefault(UsageStatus.RELEASED, 0L),
                    counts.getOrDefault(UsageStatus.REINSTATED, 0L), locked, redeemed);
        }, false);
    }

    @Override
    public List<UsageRecord> usagesOf(CheckoutId checkoutId) {
        Checks.notNull(checkoutId, "checkoutId");
        return tx.run(em -> em.createQuery(COLUMNS + " WHERE u.checkoutId = :checkout ORDER BY u.couponId", Object[].class)
                .setParameter("checkout", checkoutId.value()).getResultList().stream().map(JpaUsageLedger::read).toList(), false);
    }

    /** Locks the checkout's row, inserting it if absent (noted in {@code created}); returns whether the checkout is closed. */
    private static boolean lockCheckout(EntityManager em, CheckoutId checkoutId, List<String> created) {
        List<Object[]> rows = Writes.forUpdate(em, "SELECT c.checkoutId, c.closedAt FROM CkCheckout c WHERE c.checkoutId = :id",
                Object[].class).setParameter("id", checkoutId.value()).getResultList();
        if (!rows.isEmpty()) {
            return rows.get(0)[1] != null;
        }
        // the row inserted is locked by this transaction until it ends; a concurrent insert of the same
        // id fails on the primary key and the unit of work is run again
        Writes.insert(em, new CheckoutRow(checkoutId.value(), null));
        created.add(checkoutId.value());
        return false;
    }

    private static UsageRecord read(Object[] row) {
        String order = (String) row[8];
        return new UsageRecord(UsageId.of((String) row[0]), CouponId.of((String) row[1]), CouponCode.parse((String) row[2]),
                UserId.of((String) row[3]), CheckoutId.of((String) row[4]), UsageStatus.valueOf((String) row[5]),
                (Instant) row[6], (Instant) row[7], order == null ? null : OrderId.of(order), (Instant) row[9], (String) row[10],
                (Instant) row[11], row[13] == null ? null : dev.couponkernel.spi.value.Money.ofMinor((Long) row[12],
                        java.util.Currency.getInstance(((String) row[13]).trim())));
    }
}
