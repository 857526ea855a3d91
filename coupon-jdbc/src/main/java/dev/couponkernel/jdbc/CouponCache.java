package dev.couponkernel.jdbc;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.CouponCode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The validation cache in front of the lookup of coupons by code: entries live for a time-to-live,
 * and a save through the same storage invalidates its code at once. A load that raced with an
 * invalidation does not put its (possibly stale) record back. At most {@code maxEntries} codes are
 * held; past that the cache starts over. A time-to-live of zero disables it. Thread-safe.
 */
final class CouponCache {

    private record Entry(CouponRecord record, long expiresAtNanos) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<CouponCode, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    CouponCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    Optional<CouponRecord> get(CouponCode code) {
        if (ttlNanos == 0) {
            return Optional.empty();
        }
        Entry e = entries.get(code);
        if (e == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - e.expiresAtNanos >= 0) {
            entries.remove(code, e);
            return Optional.empty();
        }
        return Optional.of(e.record);
    }

    /** @return a token to pass to {@link #put}, taken before the load from the database */
    long beforeLoad() {
        return invalidations.get();
    }

    void put(CouponCode code, CouponRecord record, long beforeLoad) {
        if (ttlNanos == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Entry e = new Entry(record, nanoTime.getAsLong() + ttlNanos);
        entries.put(code, e);
        if (invalidations.get() != beforeLoad) {
            entries.remove(code, e); // a save happened during the load: what was read may be stale
        }
    }

    void invalidate(CouponCode code) {
        invalidations.incrementAndGet();
        entries.remove(code);
    }

    int size() {
        return entries.size();
    }
}
