package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CheckoutId;
import java.util.List;

/**
 * What releasing a checkout did. Immutable and thread-safe.
 *
 * @param status the outcome
 * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
 */
public record ReleaseResult(Status status, List<UsageRecord> usages) {

    /**
     * Validates the parts.
     *
     * @param status the outcome
     * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
     */
    public ReleaseResult {
        Checks.notNull(status, "status");
        usages = List.copyOf(Checks.notNull(usages, "usages"));
    }

    /**
     * The rules of {@link UsageLedger#release} as one decision, so every store applies the same ones:
     * a store reads the checkout's usages under its lock, asks this, then releases every LOCKED usage
     * (there are some exactly when the answer is {@link Status#RELEASED}) and closes the checkout.
     *
     * @param checkoutId the checkout, for the refusal's message
     * @param usages the checkout's usages as stored before the release
     * @param customer the customer the host releases for, or null for an operator's or the system's
     *     release that is not checked against the checkout's owner
     * @return what the release does
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout belongs to another
     *     customer than {@code customer}
     */
    public static Status decide(CheckoutId checkoutId, List<UsageRecord> usages,
            dev.couponkernel.spi.value.UserId customer) {
        UsageRecord.requireOwner(checkoutId, usages, customer);
        if (usages.isEmpty()) {
            return Status.NOT_FOUND;
        }
        boolean redeemed = false;
        for (UsageRecord u : usages) {
            if (u.status() == UsageStatus.LOCKED) {
                return Status.RELEASED;
            }
            redeemed |= u.order().isPresent(); // REDEEMED, or REINSTATED after its order was cancelled
        }
        return redeemed ? Status.ALREADY_REDEEMED : Status.ALREADY_RELEASED;
    }

    /** The outcomes of a release. */
    public enum Status {
        /** At least one LOCKED usage is now RELEASED and its counts are restored. */
        RELEASED,
        /** Nothing was LOCKED any more and nothing was redeemed: nothing changed. */
        ALREADY_RELEASED,
        /**
         * The checkout's usages were REDEEMED (and may since have been reinstated): a release never
         * undoes a redeem; nothing changed. A cancelled order gives its uses back by {@link
         * UsageLedger#reinstate}.
         */
        ALREADY_REDEEMED,
        /** The checkout has no usage; it is now closed, so no later lock can be taken for it. */
        NOT_FOUND
    }
}
