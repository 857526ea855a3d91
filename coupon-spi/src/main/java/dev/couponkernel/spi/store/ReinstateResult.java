package dev.couponkernel.spi.store;

import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import java.util.List;
import java.util.Set;

/**
 * What reinstating a cancelled order's uses did. Immutable and thread-safe.
 *
 * @param status the outcome
 * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
 */
public record ReinstateResult(Status status, List<UsageRecord> usages) {

    /**
     * Validates the parts.
     *
     * @param status the outcome
     * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
     */
    public ReinstateResult {
        Checks.notNull(status, "status");
        usages = List.copyOf(Checks.notNull(usages, "usages"));
    }

    /**
     * The rules of {@link UsageLedger#reinstate} as one decision: a store reads the checkout's usages
     * under its lock, asks this, and when the answer is {@link Status#REINSTATED} reinstates exactly
     * the usages {@link #toReinstate} names; any other answer changes nothing.
     *
     * @param checkoutId the checkout, for the conflict's message
     * @param usages the checkout's usages as stored now
     * @param orderId the cancelled order
     * @param reinstatable the coupons whose policy lets a cancelled order's use be given back
     * @return what the command does
     * @throws ConflictException if the checkout was redeemed for another order
     */
    public static Status decide(CheckoutId checkoutId, List<UsageRecord> usages, OrderId orderId, Set<CouponId> reinstatable) {
        Checks.notNull(orderId, "orderId");
        Checks.notNull(reinstatable, "reinstatable");
        if (usages.isEmpty()) {
            return Status.NOT_FOUND;
        }
        boolean redeemed = false;
        boolean reinstated = false;
        boolean allowed = false;
        for (UsageRecord u : usages) {
            if (u.orderId() == null) {
                continue;
            }
            if (!u.orderId().equals(orderId)) {
                throw new ConflictException("checkout " + checkoutId + " was redeemed for order " + u.orderId()
                        + ", not " + orderId);
            }
            if (u.status() == UsageStatus.REINSTATED) {
                reinstated = true;
            } else {
                redeemed = true;
                allowed |= reinstatable.contains(u.couponId());
            }
        }
        if (allowed) {
            return Status.REINSTATED;
        }
        if (reinstated) {
            return Status.ALREADY_REINSTATED;
        }
        return redeemed ? Status.NOT_ALLOWED : Status.NOT_REDEEMED;
    }

    /**
     * The usages a {@link Status#REINSTATED} answer gives back: the REDEEMED ones whose coupon allows it.
     *
     * @param usages the checkout's usages as stored now
     * @param reinstatable the coupons whose policy lets a cancelled order's use be given back
     * @return those usages, in the given order
     */
    public static List<UsageRecord> toReinstate(List<UsageRecord> usages, Set<CouponId> reinstatable) {
        return usages.stream()
                .filter(u -> u.status() == UsageStatus.REDEEMED && reinstatable.contains(u.couponId()))
                .toList();
    }

    /** The outcomes of reinstating. */
    public enum Status {
        /**
         * Every REDEEMED usage of the order whose coupon allows it is now REINSTATED and no longer
         * counts (the coupon's and the customer's counts are one lower each); usages of coupons that
         * do not allow it stay REDEEMED.
         */
        REINSTATED,
        /** The order's uses were already given back (a repeated cancellation): nothing changed. */
        ALREADY_REINSTATED,
        /** The order's coupons do not allow giving a use back ({@code ReinstatePolicy.NEVER}): nothing changed. */
        NOT_ALLOWED,
        /** The checkout was never redeemed (still locked, or released): nothing changed. */
        NOT_REDEEMED,
        /** The checkout has no usage: nothing changed. */
        NOT_FOUND
    }
}
