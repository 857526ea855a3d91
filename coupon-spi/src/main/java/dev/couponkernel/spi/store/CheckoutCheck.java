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
 * @param expired the expired LOCKED usage the store must release first (reason {@code expired},
 *     counts restored), or null
 */
public record CheckoutCheck(LockOutcome outcome, UsageRecord expired) {

    private static final CheckoutCheck PROCEED = new CheckoutCheck(null, null);

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
            return new CheckoutCheck(foreign, null);
        }
        if (existing != null) {
            if (existing.status() == UsageStatus.LOCKED && !existing.isExpiredAt(request.at())) {
                return new CheckoutCheck(LockOutcome.replayed(existing), null);
            }
            if (existing.status() == UsageStatus.LOCKED) {
                return new CheckoutCheck(LockOutcome.refused(RejectionReason.CHECKOUT_CLOSED,
                        "the lock of checkout " + request.checkoutId() + " expired at " + existing.expiresAt()), existing);
            }
            return new CheckoutCheck(LockOutcome.refused(RejectionReason.CHECKOUT_CLOSED,
                    "checkout " + request.checkoutId() + " already " + existing.status() + " this coupon"), null);
        }
        if (closed) {
            return new CheckoutCheck(LockOutcome.refused(RejectionReason.CHECKOUT_CLOSED,
                    "checkout " + request.checkoutId() + " was closed by an earlier redeem or release"), null);
        }
        return PROCEED;
    }

    /**
     * The same decision from all of the checkout's usages, as one read under the checkout's lock
     * gives them: the owner is their customer, the existing usage the one of the requested coupon.
     *
     * @param usagesOfCheckout the checkout's usages
     * @param closed whether the checkout was closed by a redeem or release
     * @param request the lock
     * @return what the lock does before counting
     */
    public static CheckoutCheck of(java.util.List<UsageRecord> usagesOfCheckout, boolean closed, LockRequest request) {
        Checks.notNull(usagesOfCheckout, "usagesOfCheckout");
        Checks.notNull(request, "request");
        UsageRecord existing = usagesOfCheckout.stream().filter(u -> u.couponId().equals(request.couponId())).findFirst()
                .orElse(null);
        Optional<UserId> owner = usagesOfCheckout.isEmpty() ? Optional.empty() : Optional.of(usagesOfCheckout.get(0).userId());
        return of(owner, existing, closed, request);
    }

    /** @return whether the lock goes on to the coupon's status and limits */
    public boolean proceeds() {
        return outcome == null;
    }
}
