package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import java.util.List;

/**
 * What redeeming a checkout did. Immutable and thread-safe.
 *
 * @param status the outcome
 * @param usages the checkout's usages after the command, empty for {@link Status#NOT_FOUND}
 */
public record RedeemResult(Status status, List<UsageRecord> usages) {

    /** Validates the parts. */
    public RedeemResult {
        Checks.notNull(status, "status");
        usages = List.copyOf(Checks.notNull(usages, "usages"));
    }

    /** The outcomes of a redeem. */
    public enum Status {
        /** Every LOCKED usage of the checkout is now REDEEMED for the order. */
        REDEEMED,
        /** The checkout was already redeemed for this order: nothing changed. */
        ALREADY_REDEEMED,
        /** The checkout has no usage; it is now closed, so no later lock can be taken for it. */
        NOT_FOUND,
        /** The checkout's usages were released (failed or expired): nothing changed. */
        RELEASED,
        /** A lock of the checkout expired before the redeem (the sweep has not released it yet): nothing changed. */
        LOCK_EXPIRED
    }
}
