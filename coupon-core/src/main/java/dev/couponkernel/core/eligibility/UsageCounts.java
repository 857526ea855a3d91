package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.value.UsageCount;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponId;
import java.util.Map;

/**
 * The current usage counts of the coupons in a request, as the usage ledger knows them.
 * Implementations must be thread-safe if shared between threads.
 */
@FunctionalInterface
public interface UsageCounts {

    /**
     * Returns the usage of a coupon by the request's customer.
     *
     * @param couponId the coupon
     * @return its counts, {@link UsageCount#NONE} if it was never used
     */
    UsageCount of(CouponId couponId);

    /** @return counts that are zero for every coupon */
    static UsageCounts none() {
        return id -> UsageCount.NONE;
    }

    /**
     * Returns counts from a map; coupons not in it count as unused.
     *
     * @param counts the counts per coupon
     * @return the counts
     */
    static UsageCounts of(Map<CouponId, UsageCount> counts) {
        Map<CouponId, UsageCount> copy = Map.copyOf(Checks.notNull(counts, "usage"));
        return id -> copy.getOrDefault(id, UsageCount.NONE);
    }
}
