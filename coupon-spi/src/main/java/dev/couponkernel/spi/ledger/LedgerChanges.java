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
        List<CouponEvent> events) {

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
                && spent.isEmpty() && customerCounters.isEmpty() && events.isEmpty();
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
