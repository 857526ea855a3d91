package dev.couponkernel.jpa;

import static dev.couponkernel.jdbc.internal.Sql.micros;

import dev.couponkernel.jpa.entity.CheckoutRow;
import dev.couponkernel.jpa.entity.UsageRow;
import dev.couponkernel.jpa.entity.UserCounterRow;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.jpa.internal.Writes;
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
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The usage ledger on entities {@code CkCheckout}, {@code CkCounter}, {@code CkUserCounter} and
 * {@code CkUsage} (the tables of coupon-jdbc), each operation one unit of work with its audit
 * entries and outbox events: the host's transaction when joined, else one of its own.
 *
 * <p>Race-free as the JDBC ledger is, and by the same means: every operation first locks its
 * checkout's row ({@code PESSIMISTIC_WRITE}), so operations on one checkout serialize; a lock counts
 * a use with a bulk conditional update ({@code UPDATE CkCounter SET used = used + 1 WHERE used <
 * limit}) on the coupon's counter row and then on the customer's, never a read-modify-write through
 * managed entities; the sweep releases a usage with a conditional update on its status. Rows are
 * locked in one order: checkout, usages, coupon counter, customer counter, audit head.
 *
 * <p>A refusal never needs a rollback (which would undo a joined host's own work): a use counted
 * before a later check refuses is uncounted in the same unit of work, under the row lock still
 * held. No combining of concurrent writes (that is a JDBC storage option). Thread-safe.
 */
public final class JpaUsageLedger implements UsageLedger {

    private static final String COLUMNS = "SELECT u.id, u.couponId, u.code, u.userId, u.checkoutId, u.status, u.lockedAt,"
            + " u.expiresAt, u.orderId, u.closedAt, u.releaseReason FROM CkUsage u";

    private final JpaTx tx;

    JpaUsageLedger(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public LockOutcome lock(LockRequest request) {
        Checks.notNull(request, "request");
        LockRequest r = new LockRequest(request.couponId(), request.code(), request.userId(), request.checkoutId(),
                request.limits(), micros(request.at()), micros(request.expiresAt()), request.actor());
        return tx.run(em -> {
            boolean closed = lockCheckout(em, r.checkoutId());
            // the checkout's usages in one read under its lock: its owner, and this coupon's usage
            CheckoutCheck check = CheckoutCheck.of(usagesForUpdate(em, r.checkoutId()), closed, r);
            if (check.expired() != null) {
                release(em, check.expired(), CouponReleased.EXPIRED, r.at(), r.actor());
            }
            if (!check.proceeds()) {
                return check.outcome();
            }
            String coupon = r.couponId().value();
            long passedTotal = r.limits().maxTotalUses().orElse(Long.MAX_VALUE);
            int counted = em.createQuery("UPDATE CkCounter k SET k.used = k.used + 1 WHERE k.couponId = :coupon"
                            + " AND k.used < :passed AND (k.maxTotalUses IS NULL OR k.used < k.maxTotalUses)")
                    .setParameter("coupon", coupon).setParameter("passed", passedTotal).executeUpdate();
            if (counted == 0) {
                // not counted: say why, an unknown or inactive coupon before a full one
                List<Object[]> rows = em.createQuery("SELECT c.status, k.used, k.maxTotalUses FROM CkCoupon c, CkCounter k"
                        + " WHERE k.couponId = c.id AND c.id = :coupon", Object[].class).setParameter("coupon", coupon).getResultList();
                if (rows.isEmpty()) {
                    return LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + r.couponId() + " is not stored");
                }
                LockOutcome inactive = LockOutcome.unlessActive(CouponStatus.valueOf((String) rows.get(0)[0]), r.couponId());
                if (inactive != null) {
                    return inactive;
                }
                return LockOutcome.totalLimitReached((Long) rows.get(0)[1], LockOutcome.totalInForce(r.limits(), (Long) rows.get(0)[2]));
            }
            // read now that this unit of work holds the counter row, which a status change also locks:
            // a disable either committed before (seen here) or waits until this lock commits
            List<Object[]> rows = em.createQuery("SELECT k.maxUsesPerUser, c.status FROM CkCounter k, CkCoupon c"
                    + " WHERE c.id = k.couponId AND k.couponId = :coupon", Object[].class).setParameter("coupon", coupon).getResultList();
            LockOutcome inactive = rows.isEmpty()
                    ? LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + r.couponId() + " is not stored")
                    : LockOutcome.unlessActive(CouponStatus.valueOf((String) rows.get(0)[1]), r.couponId());
            if (inactive != null) {
                return uncounted(em, coupon, inactive);
            }
            long perUser = LockOutcome.perUserInForce(r.limits(), (Long) rows.get(0)[0]);
            if (em.createQuery("UPDATE CkUserCounter k SET k.used = k.used + 1 WHERE k.couponId = :coupon AND k.userId = :user"
                    + " AND k.used < :perUser").setParameter("coupon", coupon).setParameter("user", r.userId().value())
                    .setParameter("perUser", perUser).executeUpdate() == 0) {
                List<Long> used = em.createQuery("SELECT k.used FROM CkUserCounter k WHERE k.couponId = :coupon AND k.userId = :user",
                        Long.class).setParameter("coupon", coupon).setParameter("user", r.userId().value()).getResultList();
                if (!used.isEmpty()) {
                    return uncounted(em, coupon, LockOutcome.userLimitReached(r.userId(), used.get(0), perUser));
                }
                // the coupon counter row lock held here serializes every first use of this coupon
                Writes.insert(em, new UserCounterRow(coupon, r.userId().value(), 1));
            }
            UsageRecord usage = UsageRecord.locked(UsageId.of(UUID.randomUUID().toString()), r);
            Writes.insert(em, new UsageRow(usage.id().value(), coupon, usage.code().value(), usage.userId().value(),
                    usage.checkoutId().value(), usage.status().name(), usage.lockedAt(), usage.expiresAt(), null, null, null));
            Writes.usageLocked(em, usage);
            Writes.record(em, new CouponApplied(usage.couponId(), usage.code(), r.at(), r.actor(), usage.id(), usage.userId(),
                    usage.checkoutId(), usage.expiresAt()));
            return LockOutcome.locked(usage);
        }, true);
    }

    /** Takes back the use this unit of work counted, under the counter row lock it holds, and returns the refusal. */
    private static LockOutcome uncounted(EntityManager em, String coupon, LockOutcome refusal) {
        if (em.createQuery("UPDATE CkCounter k SET k.used = k.used - 1 WHERE k.couponId = :coupon AND k.used > 0")
                .setParameter("coupon", coupon).executeUpdate() != 1) {
            throw new StorageException("the counter of coupon " + coupon + " changed under its row lock");
        }
        return refusal;
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at0, Actor actor) {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(orderId, "orderId");
        Checks.notNull(at0, "at");
        Checks.notNull(actor, "actor");
        Instant at = micros(at0);
        return tx.run(em -> {
            lockCheckout(em, checkoutId);
            List<UsageRecord> usages = usagesForUpdate(em, checkoutId);
            RedeemResult.Status status = RedeemResult.decide(checkoutId, usages, customer, orderId, at);
            if (status == RedeemResult.Status.NOT_FOUND) {
                close(em, checkoutId, at);
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
                if (em.createQuery("UPDATE CkUsage u SET u.status = 'REDEEMED', u.orderId = :order, u.closedAt = :at"
                        + " WHERE u.id = :id AND u.status = 'LOCKED'").setParameter("order", orderId.value())
                        .setParameter("at", at).setParameter("id", u.id().value()).executeUpdate() != 1) {
                    throw new StorageException("usage " + u.id() + " changed under its row lock");
                }
                Writes.usageClosed(em, done);
                Writes.record(em, new CouponRedeemed(done.couponId(), done.code(), at, actor, done.id(), done.userId(),
                        checkoutId, orderId));
            }
            close(em, checkoutId, at);
            return new RedeemResult(RedeemResult.Status.REDEEMED, after);
        }, true);
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at0, Actor actor) {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.text(reason, "reason", 512);
        Checks.notNull(at0, "at");
        Checks.notNull(actor, "actor");
        Instant at = micros(at0);
        return tx.run(em -> {
            lockCheckout(em, checkoutId);
            List<UsageRecord> usages = usagesForUpdate(em, checkoutId);
            ReleaseResult.Status status = ReleaseResult.decide(checkoutId, usages, customer);
            close(em, checkoutId, at);
            List<UsageRecord> after = new ArrayList<>(usages.size());
            for (UsageRecord u : usages) {
                after.add(u.status() == UsageStatus.LOCKED ? release(em, u, reason, at, actor) : u);
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
        return tx.run(em -> {
            lockCheckout(em, checkoutId);
            UsageRecord u = usage(em, couponId, checkoutId);
            if (u == null) {
                return Optional.<UsageRecord>empty();
            }
            return Optional.of(u.status() == UsageStatus.LOCKED ? release(em, u, reason, at, actor) : u);
        }, true);
    }

    /**
     * Releases locks whose time is up, oldest first. On PostgreSQL concurrent sweepers skip each
     * other's rows ({@code SKIP LOCKED}); where the provider or database cannot skip, the second
     * waits for the first and its conditional update then finds the usage released.
     */
    @Override
    public List<UsageRecord> expireLocks(Instant now0, int batchSize, Actor actor) {
        Checks.notNull(now0, "now");
        Checks.positive(batchSize, "batchSize");
        Checks.notNull(actor, "actor");
        Instant now = micros(now0);
        return tx.run(em -> {
            List<UsageRecord> candidates = Writes.forUpdate(em, COLUMNS + " WHERE u.status = 'LOCKED' AND u.expiresAt <= :now"
                            + " ORDER BY u.expiresAt, u.id", Object[].class)
                    .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED).setParameter("now", now).setMaxResults(batchSize)
                    .getResultList().stream().map(JpaUsageLedger::read).toList();
            List<UsageRecord> released = new ArrayList<>();
            for (UsageRecord u : candidates) {
                // the conditional update decides which sweeper releases the lock: the other sees 0 rows
                if (markReleased(em, u, CouponReleased.EXPIRED, now) == 1) {
                    released.add(countReleased(em, u, CouponReleased.EXPIRED, now, actor));
                }
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
            List<Long> counted = Writes.forUpdate(em, "SELECT k.used FROM CkCounter k WHERE k.couponId = :coupon", Long.class)
                    .setParameter("coupon", couponId.value()).getResultList();
            if (counted.isEmpty()) {
                if (em.createQuery("SELECT c.id FROM CkCoupon c WHERE c.id = :coupon", String.class)
                        .setParameter("coupon", couponId.value()).getResultList().isEmpty()) {
                    throw new dev.couponkernel.spi.error.NotFoundException("no coupon " + couponId);
                }
                // a stored coupon without its counter row (written by hand): the counter is made, as coupon-jdbc does
                Writes.insert(em, new dev.couponkernel.jpa.entity.CounterRow(couponId.value(), null, null, 0));
                counted = List.of(0L);
            }
            long used = counted.get(0);
            Long top = em.createQuery("SELECT MAX(k.used) FROM CkUserCounter k WHERE k.couponId = :coupon", Long.class)
                    .setParameter("coupon", couponId.value()).getSingleResult();
            long maxByUser = top == null ? 0 : top;
            LimitChange change = LimitChange.decide(used, maxByUser, limits);
            if (!change.applied()) {
                return change;
            }
            em.createQuery("UPDATE CkCounter k SET k.maxTotalUses = :total, k.maxUsesPerUser = :perUser WHERE k.couponId = :coupon")
                    .setParameter("total", limits.maxTotalUses().isPresent() ? limits.maxTotalUses().getAsLong() : null)
                    .setParameter("perUser", limits.maxUsesPerUser().isPresent() ? limits.maxUsesPerUser().getAsLong() : null)
                    .setParameter("coupon", couponId.value()).executeUpdate();
            return change;
        }, true);
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
    public List<UsageRecord> usagesOf(CheckoutId checkoutId) {
        Checks.notNull(checkoutId, "checkoutId");
        return tx.run(em -> em.createQuery(COLUMNS + " WHERE u.checkoutId = :checkout ORDER BY u.couponId", Object[].class)
                .setParameter("checkout", checkoutId.value()).getResultList().stream().map(JpaUsageLedger::read).toList(), false);
    }

    // ---- helpers, each within the caller's unit of work ----

    /** Locks the checkout's row, creating it if absent; returns whether the checkout is closed. */
    private static boolean lockCheckout(EntityManager em, CheckoutId checkoutId) {
        List<Object[]> rows = Writes.forUpdate(em, "SELECT c.checkoutId, c.closedAt FROM CkCheckout c WHERE c.checkoutId = :id",
                Object[].class).setParameter("id", checkoutId.value()).getResultList();
        if (!rows.isEmpty()) {
            return rows.get(0)[1] != null;
        }
        // the row inserted is locked by this transaction until it ends; a concurrent insert of the same
        // id fails on the primary key and the unit of work is run again
        Writes.insert(em, new CheckoutRow(checkoutId.value(), null));
        return false;
    }

    private static void close(EntityManager em, CheckoutId checkoutId, Instant at) {
        em.createQuery("UPDATE CkCheckout c SET c.closedAt = :at WHERE c.checkoutId = :id AND c.closedAt IS NULL")
                .setParameter("at", at).setParameter("id", checkoutId.value()).executeUpdate();
    }

    private static UsageRecord usage(EntityManager em, CouponId couponId, CheckoutId checkoutId) {
        return Writes.forUpdate(em, COLUMNS + " WHERE u.couponId = :coupon AND u.checkoutId = :checkout", Object[].class)
                .setParameter("coupon", couponId.value()).setParameter("checkout", checkoutId.value()).getResultList().stream()
                .map(JpaUsageLedger::read).findFirst().orElse(null);
    }

    private static List<UsageRecord> usagesForUpdate(EntityManager em, CheckoutId checkoutId) {
        return Writes.forUpdate(em, COLUMNS + " WHERE u.checkoutId = :checkout ORDER BY u.couponId", Object[].class)
                .setParameter("checkout", checkoutId.value()).getResultList().stream().map(JpaUsageLedger::read).toList();
    }

    private static Instant closedAt(UsageRecord u, Instant at) {
        return at.isBefore(u.lockedAt()) ? u.lockedAt() : at;
    }

    private static int markReleased(EntityManager em, UsageRecord u, String reason, Instant at) {
        return em.createQuery("UPDATE CkUsage u SET u.status = 'RELEASED', u.closedAt = :at, u.releaseReason = :reason"
                        + " WHERE u.id = :id AND u.status = 'LOCKED'").setParameter("at", closedAt(u, at))
                .setParameter("reason", reason).setParameter("id", u.id().value()).executeUpdate();
    }

    /** Releases a LOCKED usage whose row the unit of work holds. */
    private static UsageRecord release(EntityManager em, UsageRecord u, String reason, Instant at, Actor actor) {
        if (markReleased(em, u, reason, at) != 1) {
            throw new StorageException("usage " + u.id() + " changed under its row lock");
        }
        return countReleased(em, u, reason, at, actor);
    }

    /** Gives back the uses of a usage just marked RELEASED and records the change. */
    private static UsageRecord countReleased(EntityManager em, UsageRecord u, String reason, Instant at, Actor actor) {
        UsageRecord done = u.released(reason, closedAt(u, at));
        if (em.createQuery("UPDATE CkCounter k SET k.used = k.used - 1 WHERE k.couponId = :coupon AND k.used > 0")
                .setParameter("coupon", u.couponId().value()).executeUpdate() != 1
                || em.createQuery("UPDATE CkUserCounter k SET k.used = k.used - 1 WHERE k.couponId = :coupon AND k.userId = :user"
                        + " AND k.used > 0").setParameter("coupon", u.couponId().value()).setParameter("user", u.userId().value())
                        .executeUpdate() != 1) {
            throw new StorageException("the counters of coupon " + u.couponId() + " disagree with its usages");
        }
        Writes.usageClosed(em, done);
        Writes.record(em, new CouponReleased(done.couponId(), done.code(), done.closedAt(), actor, done.id(), done.userId(),
                done.checkoutId(), reason));
        return done;
    }

    private static UsageRecord read(Object[] row) {
        String order = (String) row[8];
        return new UsageRecord(UsageId.of((String) row[0]), CouponId.of((String) row[1]), CouponCode.parse((String) row[2]),
                UserId.of((String) row[3]), CheckoutId.of((String) row[4]), UsageStatus.valueOf((String) row[5]),
                (Instant) row[6], (Instant) row[7], order == null ? null : OrderId.of(order), (Instant) row[9], (String) row[10]);
    }
}
