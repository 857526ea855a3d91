package dev.couponkernel.jdbc;

/**
 * What the validation cache (the lookup of coupons by code, {@link JdbcCouponStorage.Builder#validationCacheTtl})
 * has done since the storage was created. A disabled cache reports zeros. Immutable and thread-safe.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that went to the database
 * @param evictions entries dropped, to keep within the size bound or because they expired (not those a save invalidated)
 * @param size the entries held now
 */
public record ValidationCacheStats(long hits, long misses, long evictions, long size) {

    /**
     * Validates the counts.
     *
     * @param hits lookups answered from the cache
     * @param misses lookups that went to the database
     * @param evictions entries dropped, to keep within the size bound or because they expired
     * @param size the entries held now
     */
    public ValidationCacheStats {
        if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
            throw new IllegalArgumentException("cache counts are never negative");
        }
    }

    /** @return the share of lookups answered from the cache, 0 when there was none */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
