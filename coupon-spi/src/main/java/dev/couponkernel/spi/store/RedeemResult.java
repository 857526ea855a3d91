package dev.couponkernel.spi.store;

import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import java.time.Instant;
import java.util.List;

/**
 * What redeeming a checkout did. Immutable and thread-safe.
 *
 * @param status the outcome
 * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
 */
public record RedeemResult(Status status, List<UsageRecord> usages) {

    /**
     * Validates the parts.
     *
     * @param status the outcome
     * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
     */
    public RedeemResult {
        Checks.notNull(status, "status");
        usages = List.copyOf(Checks.notNull(usages, "usages"));
    }

    /**
     * The rules of {@link UsageLedger#redeem} as one decision, so every store applies the same ones:
     * a store reads the checkout's usages under its lock, asks this, and when the answer is {@link
     * Status#REDEEMED} redeems every LOCKED usage; any other answer changes nothing (but {@link
     * Status#NOT_FOUND} closes the checkout).
     *
     * @param checkoutId the checkout, for the conflict's message
     * @param usages the checkout's usages as stored now
     * @param customer the customer the host redeems for, or null for an operator's redeem that is not
     *     checked against the checkout's owner
     * @param orderId the order to redeem for
     * @param at the instant of the redeem
     * @return what the redeem does
     * @throws ConflictException if a usage was redeemed for another order
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout belongs to another
     *     customer than {@code customer}
     */
    public static Status decide(CheckoutId checkoutId, List<UsageRecord> usages,
            dev.couponkernel.spi.value.UserId customer, OrderId orderId, Instant at) {
        UsageRecord.requireOwner(checkoutId, usages, customer);
        if (usages.isEmpty()) {
            return Status.NOT_FOUND;
        }
        boolean redeemed = false;
        boolean locked = false;
        boolean expired = false;
        for (UsageRecord u : usages) {
            if (u.order().isPresent()) { // REDEEMED, or REINSTATED since: redeemed once, never again
                redeemed = true;
                if (!u.orderId().equals(orderId)) {
                    throw new ConflictException("checkout " + checkoutId + " was redeemed for order " + u.orderId()
                            + ", not " + orderId);
                }
            } else if (u.status() == UsageStatus.LOCKED) {
                locked = true;
                expired |= u.isExpiredAt(at);
            }
        }
        if (!locked) {
            return redeemed ? Status.ALREADY_REDEEMED : Status.RELEASED;
        }
        return expired ? Status.LOCK_EXPIRED : Status.REDEEMED;
    }

    /** The outcomes of a redeem. */
    public enum Status {
        /** Every LOCKED usage of the checkout is now REDEEMED for the order. */
        REDEEMED,
        /**
         * The checkout was already redeemed for this order (and its uses may since have been
         * reinstated, which a repeated redeem does not undo): nothing changed.
         */
        ALREADY_REDEEMED,
        /** The checkout has no usage; it is now closed, so no later lock can be taken for it. */
        NOT_FOUND,
        /** The checkout's usages were released (failed or expired): nothing changed. */
        RELEASED,
        /** A lock of the checkout expired before the redeem (the sweep has not released it yet): nothing changed. */
        LOCK_EXPIRED
    }
}
