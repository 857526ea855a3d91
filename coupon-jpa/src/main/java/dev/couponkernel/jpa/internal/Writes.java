package dev.couponkernel.jpa.internal;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jpa.entity.ActiveCodeRow;
import dev.couponkernel.jpa.entity.AuditHeadRow;
import dev.couponkernel.jpa.entity.AuditRow;
import dev.couponkernel.jpa.entity.OutboxRow;
import dev.couponkernel.jpa.entity.SellerRow;
import dev.couponkernel.jpa.entity.UserUsageRow;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.TimeOrderedId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes every store shares, each within the caller's transaction: new rows, the audit chain
 * and outbox, and the read models. New rows are persisted, flushed and detached at once, and rows
 * change only through bulk statements, so no instance of the library's entities stays managed in a
 * persistence context (a host's included) to go stale. Stateless.
 */
public final class Writes {

    private Writes() {}

    /**
     * Inserts new rows now and leaves none of them managed.
     *
     * @param em the entity manager, in a transaction
     * @param rows new entity instances
     */
    public static void insert(EntityManager em, Object... rows) {
        for (Object row : rows) {
            em.persist(row);
        }
        em.flush();
        for (Object row : rows) {
            em.detach(row);
        }
    }

    /**
     * A query whose rows are locked until the transaction ends ({@code SELECT ... FOR UPDATE}).
     *
     * @param em the entity manager, in a transaction
     * @param jpql a select of columns (never of entities, which would become managed)
     * @param type the result type
     * @param <T> the result type
     * @return the query, with its lock mode set
     */
    public static <T> TypedQuery<T> forUpdate(EntityManager em, String jpql, Class<T> type) {
        return em.createQuery(jpql, type).setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Appends the audit entry and outbox event of one change, after the others of its coupon.
     *
     * @param em the entity manager, in the change's transaction
     * @param event the change's event
     */
    public static void record(EntityManager em, CouponEvent event) {
        recordAll(em, event.couponId().value(), List.of(event));
    }

    /**
     * Appends the audit entries and outbox events of changes of one coupon, in order: the same rows
     * coupon-jdbc writes. The head of the coupon's chain is locked first, so a coupon's entries and
     * events are written one transaction at a time, in commit order.
     *
     * @param em the entity manager, in the changes' transaction
     * @param couponId the coupon every event is about
     * @param events the events, in the order they happened
     */
    public static void recordAll(EntityManager em, String couponId, List<CouponEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> head = forUpdate(em, "SELECT h.entries, h.lastHash FROM CkAuditHead h WHERE h.couponId = :coupon",
                Object[].class).setParameter("coupon", couponId).getResultList();
        long entries = head.isEmpty() ? 0 : (Long) head.get(0)[0];
        String previousHash = head.isEmpty() ? AuditChain.GENESIS : (String) head.get(0)[1];
        long before = entries;
        List<Object> rows = new ArrayList<>(events.size() * 2);
        for (CouponEvent event : events) {
            if (!event.couponId().value().equals(couponId)) {
                throw new IllegalArgumentException("event of coupon " + event.couponId() + " in a batch of coupon " + couponId);
            }
            AuditEntry entry = AuditEntry.describing(0, event, Sql.micros(event.occurredAt()), previousHash);
            entries++;
            rows.add(new AuditRow(couponId, entry.usage().map(Object::toString).orElse(null), entry.action().name(),
                    entry.actor().name(), entry.reason(), entry.detail(), entry.at(), entries, entry.previousHash(), entry.hash()));
            rows.add(new OutboxRow(TimeOrderedId.next(), event.type().wireName(), couponId,
                    Sql.partition(couponId), Sql.micros(event.occurredAt()), Codecs.encode(event), null, entries));
            previousHash = entry.hash();
        }
        if (before == 0) {
            // only a coupon's creation writes its first entry, and its coupon row insert serializes creators
            rows.add(new AuditHeadRow(couponId, entries, previousHash));
        } else if (em.createQuery("UPDATE CkAuditHead h SET h.entries = :entries, h.lastHash = :hash WHERE h.couponId = :coupon")
                .setParameter("entries", entries).setParameter("hash", previousHash).setParameter("coupon", couponId)
                .executeUpdate() != 1) {
            throw new StorageException("the audit head of coupon " + couponId + " changed under its row lock");
        }
        insert(em, rows.toArray());
    }

    // ---- read models, as coupon-jdbc keeps them ----

    /**
     * Brings the coupon read models in line with a coupon just saved.
     *
     * @param em the entity manager, in the save's transaction
     * @param stored the coupon as stored
     * @param isNew whether it was just created
     */
    public static void project(EntityManager em, CouponRecord stored, boolean isNew) {
        CouponDefinition d = stored.definition();
        if (!isNew) {
            em.createQuery("DELETE FROM CkActiveCode a WHERE a.couponId = :coupon").setParameter("coupon", stored.id().value())
                    .executeUpdate();
        }
        List<Object> rows = new ArrayList<>();
        if (stored.status() == CouponStatus.ACTIVE) {
            rows.add(new ActiveCodeRow(d.code().value(), stored.id().value(), d.discount().type().name(), d.validity().validFrom(),
                    d.validity().validUntil(), stored.version()));
        }
        if (isNew) {
            for (SellerId seller : d.eligibility().scope().sellers()) {
                rows.add(new SellerRow(seller.value(), stored.id().value(), d.code().value(), stored.status().name()));
            }
        } else {
            em.createQuery("UPDATE CkSeller s SET s.status = :status WHERE s.couponId = :coupon")
                    .setParameter("status", stored.status().name()).setParameter("coupon", stored.id().value()).executeUpdate();
        }
        insert(em, rows.toArray());
    }

    /**
     * Counts a new LOCKED usage in its customer's row of {@code coupon_user_usage}.
     *
     * @param em the entity manager, in the lock's transaction
     * @param u the usage
     */
    public static void usageLocked(EntityManager em, UsageRecord u) {
        int n = em.createQuery("UPDATE CkUserUsage r SET r.locked = r.locked + 1,"
                        + " r.lastAt = CASE WHEN r.lastAt < :at THEN :at ELSE r.lastAt END"
                        + " WHERE r.couponId = :coupon AND r.userId = :user")
                .setParameter("at", u.lockedAt()).setParameter("coupon", u.couponId().value())
                .setParameter("user", u.userId().value()).executeUpdate();
        if (n == 0) {
            // a concurrent first insert fails on the primary key and the transaction is run again
            insert(em, new UserUsageRow(u.userId().value(), u.couponId().value(), 1, 0, 0, u.lockedAt()));
        }
    }

    /**
     * Moves a usage just redeemed or released from locked to its status in its customer's row, or one just
     * reinstated from redeemed to reinstated.
     *
     * @param em the entity manager, in the change's transaction
     * @param closed the usage, closed
     */
    public static void usageClosed(EntityManager em, UsageRecord closed) {
        // the counts a closing moves, and the one it takes from (never below zero)
        String[] move = switch (closed.status()) {
            case REDEEMED -> new String[] {"r.locked = r.locked - 1, r.redeemed = r.redeemed + 1", "r.locked"};
            case RELEASED -> new String[] {"r.locked = r.locked - 1, r.released = r.released + 1", "r.locked"};
            case REINSTATED -> new String[] {"r.redeemed = r.redeemed - 1, r.reinstated = r.reinstated + 1", "r.redeemed"};
            case LOCKED -> throw new IllegalArgumentException("usage " + closed.id() + " is not closed");
        };
        Instant at = closed.reinstatedAt() != null ? closed.reinstatedAt()
                : closed.closedAt().isAfter(closed.lockedAt()) ? closed.closedAt() : closed.lockedAt();
        int n = em.createQuery("UPDATE CkUserUsage r SET " + move[0] + ", r.lastAt = CASE WHEN r.lastAt < :at THEN :at"
                        + " ELSE r.lastAt END WHERE r.couponId = :coupon AND r.userId = :user AND " + move[1] + " >= 1")
                .setParameter("at", at).setParameter("coupon", closed.couponId().value())
                .setParameter("user", closed.userId().value()).executeUpdate();
        if (n != 1) {
            throw new StorageException("the usage read model of customer " + closed.userId() + " and coupon " + closed.couponId()
                    + " disagrees with its usages; run JdbcReadModels.rebuild() on the same database");
        }
    }

    /**
     * In each currency, the discounts a coupon's locked and redeemed usages said. Call with the
     * coupon's counter row locked.
     *
     * @param em the entity manager, in the transaction
     * @param coupon the coupon
     * @return the sums by currency
     */
    public static java.util.Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved(EntityManager em,
            dev.couponkernel.spi.value.CouponId coupon) {
        java.util.Map<java.util.Currency, dev.couponkernel.spi.value.Money> sums = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("SELECT u.discountCurrency, SUM(u.discountMinor) FROM CkUsage u WHERE u.couponId = :coupon"
                + " AND u.status IN ('LOCKED', 'REDEEMED') AND u.discountCurrency IS NOT NULL GROUP BY u.discountCurrency",
                Object[].class).setParameter("coupon", coupon.value()).getResultList()) {
            java.util.Currency currency = java.util.Currency.getInstance(((String) row[0]).trim());
            sums.put(currency, dev.couponkernel.spi.value.Money.ofMinor(((Number) row[1]).longValue(), currency));
        }
        return sums;
    }

    /**
     * Replaces a coupon's budget rows. Call with the coupon's counter row locked.
     *
     * @param em the entity manager, in the transaction
     * @param coupon the coupon
     * @param rows the rows, as {@code LedgerRules.budgetRows} gives them
     */
    public static void replaceBudgets(EntityManager em, dev.couponkernel.spi.value.CouponId coupon,
            java.util.Map<java.util.Currency, dev.couponkernel.spi.ledger.LedgerState.Budget> rows) {
        em.createQuery("DELETE FROM CkBudget b WHERE b.couponId = :coupon").setParameter("coupon", coupon.value()).executeUpdate();
        insertBudgets(em, coupon, rows);
    }

    /**
     * Inserts a coupon's budget rows (a new coupon's, which has none yet). Call with the coupon's
     * counter row written or locked in the same transaction.
     *
     * @param em the entity manager, in the transaction
     * @param coupon the coupon
     * @param rows the rows, as {@code LedgerRules.budgetRows} gives them
     */
    public static void insertBudgets(EntityManager em, dev.couponkernel.spi.value.CouponId coupon,
            java.util.Map<java.util.Currency, dev.couponkernel.spi.ledger.LedgerState.Budget> rows) {
        for (dev.couponkernel.spi.ledger.LedgerState.Budget b : rows.values()) {
            insert(em, new dev.couponkernel.jpa.entity.BudgetRow(coupon.value(), b.limit().currency().getCurrencyCode(),
                    b.limit().minorUnits(), b.spent().minorUnits()));
        }
    }
}
