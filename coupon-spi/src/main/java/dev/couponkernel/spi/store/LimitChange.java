package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;

/**
 * What changing a coupon's limits in the ledger did. Immutable and thread-safe.
 *
 * @param applied whether the ledger now holds the new limits
 * @param usedTotal usages counted against the coupon when the change was judged
 * @param maxUsedByOneUser the highest count of one customer when the change was judged
 * @param message why the change was refused, or empty when applied
 */
public record LimitChange(boolean applied, long usedTotal, long maxUsedByOneUser, String message) {

    /** Validates the parts. */
    public LimitChange {
        Checks.nonNegative(usedTotal, "usedTotal");
        Checks.nonNegative(maxUsedByOneUser, "maxUsedByOneUser");
        Checks.notNull(message, "message");
    }
}
