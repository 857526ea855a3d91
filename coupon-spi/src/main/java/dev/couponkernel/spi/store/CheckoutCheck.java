package dev.couponkernel.spi.store;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.UserId;
import java.util.Optional;

/**
 * The first part of {@link UsageLedger#lock} as one decision, so every store applies the same one:
 * what the checkout's state, read under its row lock, says before anything is counted. In order: a
 * checkout of another customer is refused ({@code CHECKOUT_OF_ANOTHER_CUSTOMER}); a LOCKED usage of
 * this coupon that has not expired is replayed; one that has expired is released by the store and
 * the lock refused ({@code CHECKOUT_CLOSED}); a REDEEMED or RELEASED one, or a closed checkout, is
 * refused ({@code CHECKOUT_CLOSED}); otherwise the lock goes on to the coupon's status and limits.
 * Immutable and thread-safe.
 *
 * @param outcome the lock's outcome when decided here, or null when the lock goes on to counting
 * @param releaseExpired whether the store must first release the expired usage (reason {@code
 *     expired}, counts restored)
 */
public record CheckoutCheck(LockOutcome outcome, boolean releaseExpired) {

    private static final CheckoutCheck PROCEED = new CheckoutCheck(null, false);

    /**
     * @param owner the customer of the checkout's usages, empty when it has none
     * @param existing the checkout's usage of the requested coupon, or null
     * @param closed whether the checkout was closed by a redeem or release
     * @param request the lock
     * @return what the lock does before counting
     */
    public static CheckoutCheck of(Optional<UserId> owner, UsageRecord existing, boolean closed, LockRequest request) {
        Checks.notNull(request, "request");
        LockOutcome foreign = LockOutcome.unlessOwnedBy(owner, request);
        if (foreign != null) {
            return new CheckoutCheck(foreign, false);
        }
        if (existing != null) {
            if (existing.status() == UsageStatus.LOCKED && !existing.isExpiredAt(request.at())) {
                return new CheckoutCheck(LockOutcome.replayed(existing), false);
            }
            if (existing.status() == UsageStatus.LOCKED) {
                return new CheckoutCheck(LockOutcome.refused(RejectionReason.CHECKOUT_CLOSED,
                        "the lock of checkout " + request.checkoutId() + " expired at " + existing.expiresAt()), true);
            }
            return new CheckoutCheck(LockOutcome.refused(RejectionReason.CHECKOUT_CLOSED,
                    "checkout " + request.checkoutId() + " already " + existing.status() + " this coupon"), false);
        }
        if (closed) {
            return new CheckoutCheck(LockOutcome.refused(RejectionReason.CHECKOUT_CLOSED,
                    "checkout " + request.checkoutId() + " was closed by an earlier redeem or release"), false);
        }
        return PROCEED;
    }

    /** @return whether the lock goes on to the coupon's status and limits */
    public boolean proceeds() {
        return outcome == null;
    }
}
