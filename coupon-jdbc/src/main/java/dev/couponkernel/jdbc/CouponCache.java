package dev.couponkernel.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.CouponCode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The validation cache in front of the lookup of coupons by code (Caffeine): entries live for a
 * time-to-live after they are loaded, and a save through the same storage invalidates its code at
 * once. A load that raced with an invalidation does not put its (possibly stale) record back. At
 * most {@code maxEntries} codes are held; past that the least valuable are evicted (Caffeine's
 * frequency-based policy), not the whole cache. A time-to-live of zero disables it. Counts hits,
 * misses and evictions ({@link #stats()}). Thread-safe.
 */
final class CouponCache {

    private final Cache<CouponCode, CouponRecord> entries;
    private final AtomicLong invalidations = new AtomicLong();

    CouponCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.entries = ttl.isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .ticker(nanoTime::getAsLong)
                // eviction runs in the caller's thread: no background pool inside a library
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    Optional<CouponRecord> get(CouponCode code) {
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.getIfPresent(code));
    }

    /** @return a token to pass to {@link #put}, taken before the load from the database */
    long beforeLoad() {
        return invalidations.get();
    }

    void put(CouponCode code, CouponRecord record, long beforeLoad) {
        if (entries == null) {
            return;
        }
        entries.put(code, record);
        if (invalidations.get() != beforeLoad) {
            entries.asMap().remove(code, record); // a save happened during the load: what was read may be stale
        }
    }

    void invalidate(CouponCode code) {
        invalidations.incrementAndGet();
        if (entries != null) {
            entries.invalidate(code);
        }
    }

    /** Invalidates every code cached for a coupon (a campaign is cached under each of its unique codes). */
    void invalidateCoupon(dev.couponkernel.spi.value.CouponId id) {
        invalidations.incrementAndGet();
        if (entries != null) {
            entries.asMap().values().removeIf(r -> r.id().equals(id));
        }
    }

    int size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    ValidationCacheStats stats() {
        if (entries == null) {
            return new ValidationCacheStats(0, 0, 0, 0);
        }
        CacheStats s = entries.stats();
        return new ValidationCacheStats(s.hitCount(), s.missCount(), s.evictionCount(), size());
    }
}
