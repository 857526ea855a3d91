package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * How often a coupon is used now: in total (locked plus redeemed) and by the customer asking.
 * Immutable and thread-safe.
 *
 * @param total usages counted against the coupon's total limit
 * @param byUser usages counted against the customer's per-user limit
 */
public record UsageCount(long total, long byUser) {

    /** No usage. */
    public static final UsageCount NONE = new UsageCount(0, 0);

    /**
     * Validates that the counts are not negative and that the customer's is not above the total.
     *
     * @param total usages counted against the coupon's total limit
     * @param byUser usages counted against the customer's per-user limit
     */
    public UsageCount {
        Checks.nonNegative(total, "usage.total");
        Checks.nonNegative(byUser, "usage.byUser");
        if (byUser > total) {
            throw new dev.couponkernel.spi.error.InvalidInputException(
                    "usage.byUser", "the customer's count " + byUser + " exceeds the total count " + total);
        }
    }
}
