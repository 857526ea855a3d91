package dev.couponkernel.spi.ledger;

import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.ledger.LedgerState.CustomerKey;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a store writes for a {@link LedgerDecision}, in one transaction with nothing else decided:
 * the rows, the audit entries and the outbox events. A store writes exactly these and nothing else;
 * when {@link #isEmpty()} it writes nothing (and may roll back whatever it wrote to take its locks).
 * Immutable and thread-safe.
 *
 * @param newUsages usages to insert, each in its state at the end of the decision (a usage locked
 *     and closed within one decision is inserted closed)
 * @param changedUsages stored usages that changed, each as it is now; a store updates each row whose
 *     status is still its {@code storedStatus} (under the lock it holds, always)
 * @param storedStatus the status each changed usage has in the store before the decision is written:
 *     the guard of its update ({@code ... WHERE status = ?}); LOCKED, or REDEEMED for a redeemed usage
 *     that is reinstated (a usage redeemed and reinstated within one decision is changed from LOCKED)
 * @param locked every usage locked, as locked, in order (for read models that count locks)
 * @param closed every usage redeemed, released or reinstated, as it is now, in order (for read models)
 * @param closedCheckouts checkouts to close, with the instant, unless already closed
 * @param counters the new count of each coupon whose count changed
 * @param spent the new reserved amount of each budget row that changed, by coupon and currency
 * @param customerCounters the new count of each customer counter that changed
 * @param newCustomerCounters the customer counters among them that have no row yet
 * @param events the events to record, in the order they happened; each coupon's in its chain's order
 * @param codes what changed of each code's row: a store adds the deltas to the row of the code that
 *     belongs to the change's coupon, if it holds one (a redeem names every redeemed usage's code,
 *     shared ones too, which have no such row)
 */
public record LedgerChanges(
        List<UsageRecord> newUsages,
        List<UsageRecord> changedUsages,
        Map<UsageId, UsageStatus> storedStatus,
        List<UsageRecord> locked,
        List<UsageRecord> closed,
        Map<CheckoutId, Instant> closedCheckouts,
        Map<CouponId, Long> counters,
        Map<CouponId, Map<java.util.Currency, dev.couponkernel.spi.value.Money>> spent,
        Map<CustomerKey, Long> customerCounters,
        Set<CustomerKey> newCustomerCounters,
        List<CouponEvent> events,
        Map<dev.couponkernel.spi.value.CouponCode, CodeChange> codes) {

    /**
     * What a decision changes of one code's row; the counts are deltas, added to the row's.
     *
     * @param couponId the coupon the code belongs to (a store updates the row only if it is this coupon's)
     * @param used the change of the code's counted usages (LOCKED plus REDEEMED), changed only under
     *     the coupon's counter lock
     * @param redeemed the change of its REDEEMED usages
     * @param lastLockedAt the instant of the latest lock of the code, or null when none was taken
     * @param lastRedeemedAt the instant of the latest redeem, or null when none
     */
    public record CodeChange(CouponId couponId, long used, long redeemed, Instant lastLockedAt, Instant lastRedeemedAt) {
        /**
         * Validates the parts.
         *
         * @param couponId the coupon the code belongs to
         * @param used the change of the code's counted usages
         * @param redeemed the change of its REDEEMED usages
         * @param lastLockedAt the latest lock, or null
         * @param lastRedeemedAt the latest redeem, or null
         */
        public CodeChange {
            java.util.Objects.requireNonNull(couponId, "couponId");
        }

        CodeChange plus(long moreUsed, long moreRedeemed, Instant lockedAt, Instant redeemedAt) {
            return new CodeChange(couponId, used + moreUsed, redeemed + moreRedeemed, lockedAt != null ? lockedAt : lastLockedAt,
                    redeemedAt != null ? redeemedAt : lastRedeemedAt);
        }
    }

    /**
     * Copies the parts.
     *
     * @param newUsages usages to insert, each in its state at the end of the decision (a usage locked and closed within one decision is inserted closed)
     * @param changedUsages stored usages that changed, each as it is now; a store updates each row whose status is still its {@code storedStatus}
     * @param storedStatus the status each changed usage has in the store before the decision is written: the guard of its update
     * @param locked every usage locked, as locked, in order (for read models that count locks)
     * @param closed every usage redeemed, released or reinstated, as it is now, in order (for read models)
     * @param closedCheckouts checkouts to close, with the instant, unless already closed
     * @param counters the new count of each coupon whose count changed
     * @param spent the new reserved amount of each budget row that changed, by coupon and currency
     * @param customerCounters the new count of each customer counter that changed
     * @param newCustomerCounters the customer counters among them that have no row yet
     * @param events the events to record, in the order they happened; each coupon's in its chain's order
     * @param codes what changed of each code's row
     */
    public LedgerChanges {
        newUsages = List.copyOf(newUsages);
        changedUsages = List.copyOf(changedUsages);
        storedStatus = Map.copyOf(storedStatus);
        for (UsageRecord u : changedUsages) {
            if (!storedStatus.containsKey(u.id())) {
                throw new IllegalArgumentException("changed usage " + u.id() + " has no stored status");
            }
        }
        locked = List.copyOf(locked);
        closed = List.copyOf(closed);
        closedCheckouts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(closedCheckouts));
        counters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counters));
        java.util.TreeMap<CouponId, Map<java.util.Currency, dev.couponkernel.spi.value.Money>> spentCopy = new java.util.TreeMap<>();
        spent.forEach((coupon, rows) -> spentCopy.put(coupon, Map.copyOf(rows)));
        spent = java.util.Collections.unmodifiableMap(spentCopy);
        customerCounters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(customerCounters));
        newCustomerCounters = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(newCustomerCounters));
        events = List.copyOf(events);
        codes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(codes));
    }

    /**
     * @param u one of {@link #changedUsages}
     * @return the status its row has in the store now: the guard of its update
     */
    public UsageStatus storedStatusOf(UsageRecord u) {
        UsageStatus status = storedStatus.get(u.id());
        if (status == null) {
            throw new IllegalArgumentException("usage " + u.id() + " is not a changed usage");
        }
        return status;
    }

    /** @return whether there is nothing to write */
    public boolean isEmpty() {
        return newUsages.isEmpty() && changedUsages.isEmpty() && closedCheckouts.isEmpty() && counters.isEmpty()
                && spent.isEmpty() && customerCounters.isEmpty() && events.isEmpty() && codes.isEmpty();
    }

    /** @return the coupons that have events, in id order: the audit heads a store locks, in that order */
    public java.util.SortedSet<CouponId> couponsWithEvents() {
        java.util.TreeSet<CouponId> ids = new java.util.TreeSet<>();
        for (CouponEvent e : events) {
            ids.add(e.couponId());
        }
        return ids;
    }

    /**
     * @param couponId a coupon
     * @return its events, in order
     */
    public List<CouponEvent> eventsOf(CouponId couponId) {
        return events.stream().filter(e -> e.couponId().equals(couponId)).toList();
    }
}
