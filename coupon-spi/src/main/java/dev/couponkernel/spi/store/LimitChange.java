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

    /**
     * Validates the parts.
     *
     * @param applied whether the ledger now holds the new limits
     * @param usedTotal usages counted against the coupon when the change was judged
     * @param maxUsedByOneUser the highest count of one customer when the change was judged
     * @param message why the change was refused, or empty when applied
     */
    public LimitChange {
        Checks.nonNegative(usedTotal, "usedTotal");
        Checks.nonNegative(maxUsedByOneUser, "maxUsedByOneUser");
        Checks.notNull(message, "message");
    }

    /**
     * The rule of {@link UsageLedger#changeLimits} as one decision, so every store applies the same
     * one: a store reads the coupon's count and the highest count of one customer under the coupon's
     * lock, asks this, and stores the new limits exactly when the answer is applied.
     *
     * @param usedTotal usages counted against the coupon now
     * @param maxUsedByOneUser the highest count of one customer now
     * @param reserved in each currency of the new budget, the discounts the coupon's counted uses reserve now
     * @param limits the new limits
     * @return applied, or refused with the reason
     */
    public static LimitChange decide(long usedTotal, long maxUsedByOneUser,
            java.util.Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved, dev.couponkernel.spi.value.UsageLimits limits) {
        Checks.notNull(limits, "limits");
        Checks.notNull(reserved, "reserved");
        for (dev.couponkernel.spi.value.Money budget : limits.budget().values()) {
            dev.couponkernel.spi.value.Money taken = reserved.get(budget.currency());
            if (taken != null && taken.compareTo(budget) > 0) {
                return new LimitChange(false, usedTotal, maxUsedByOneUser, "the counted uses reserve " + taken
                        + " of the budget now, more than the new budget " + budget);
            }
        }
        if (limits.maxTotalUses().isPresent() && usedTotal > limits.maxTotalUses().getAsLong()) {
            return new LimitChange(false, usedTotal, maxUsedByOneUser, usedTotal
                    + " uses are counted now, more than the new total limit " + limits.maxTotalUses().getAsLong());
        }
        if (limits.maxUsesPerUser().isPresent() && maxUsedByOneUser > limits.maxUsesPerUser().getAsLong()) {
            return new LimitChange(false, usedTotal, maxUsedByOneUser, "a customer has " + maxUsedByOneUser
                    + " uses counted now, more than the new per-user limit " + limits.maxUsesPerUser().getAsLong());
        }
        return new LimitChange(true, usedTotal, maxUsedByOneUser, "");
    }
}
