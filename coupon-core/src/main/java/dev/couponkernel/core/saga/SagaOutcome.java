package dev.couponkernel.core.saga;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CheckoutId;

/**
 * What the saga did with one message. Every case, reorderings included, is one of these values;
 * {@code docs/failure_scenarios.md} explains each. Immutable and thread-safe.
 *
 * @param checkoutId the checkout
 * @param status what happened
 * @param detail a human explanation for logs
 */
public record SagaOutcome(CheckoutId checkoutId, Status status, String detail) {

    /**
     * Validates the parts.
     *
     * @param checkoutId the checkout
     * @param status what happened
     * @param detail a human explanation for logs
     */
    public SagaOutcome {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(status, "status");
        Checks.notNull(detail, "detail");
    }

    /** The outcomes. */
    public enum Status {
        /** CheckoutStarted: at least one coupon is locked for the checkout (CouponApplied). */
        COUPONS_LOCKED,
        /** CheckoutStarted: no coupon applies; the decision says why for each. */
        NO_COUPON_APPLIES,
        /** CheckoutStarted after the checkout was redeemed or released: nothing locked. */
        CHECKOUT_ALREADY_CLOSED,
        /** OrderCreated: the checkout's locks are redeemed (CouponRedeemed). */
        REDEEMED,
        /** OrderCreated again for the same order: nothing changed. */
        ALREADY_REDEEMED,
        /** OrderCreated for a checkout that locked no coupon: the checkout is closed, nothing to redeem. */
        NO_COUPON_TO_REDEEM,
        /** OrderCreated after the checkout was released or its lock expired and was swept: the order has no coupon. */
        REDEEM_AFTER_RELEASE,
        /** OrderCreated after the lock expired but before the sweep: not redeemed; the sweep will release it. */
        LOCK_EXPIRED,
        /** CheckoutFailed: the checkout's locks are released and counts restored (CouponReleased). */
        RELEASED,
        /** CheckoutFailed again: nothing changed. */
        ALREADY_RELEASED,
        /** CheckoutFailed after OrderCreated: a failed checkout never undoes a redeem; a cancelled order is OrderCancelled. */
        RELEASE_AFTER_REDEEM,
        /** CheckoutFailed for a checkout that locked no coupon: the checkout is closed. */
        NO_COUPON_TO_RELEASE,
        /** OrderCancelled: the order's uses are given back where the coupons allow it (CouponReinstated). */
        REINSTATED,
        /** OrderCancelled again: nothing changed. */
        ALREADY_REINSTATED,
        /** OrderCancelled for an order whose coupons keep redeemed uses final ({@code ReinstatePolicy.NEVER}): nothing changed. */
        REDEEMED_USE_IS_FINAL,
        /**
         * OrderCancelled before OrderCreated was handled (or after the checkout failed): nothing was
         * redeemed, nothing changed. A late OrderCreated then redeems; the host sends OrderCancelled
         * again, or a CheckoutFailed before the order exists.
         */
        CANCEL_BEFORE_REDEEM,
        /** OrderCancelled for a checkout that locked no coupon: nothing changed. */
        NO_COUPON_TO_REINSTATE
    }
}
