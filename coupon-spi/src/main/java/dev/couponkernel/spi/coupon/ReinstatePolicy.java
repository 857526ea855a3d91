package dev.couponkernel.spi.coupon;

/**
 * Whether a coupon gives a redeemed use back when the host cancels or refunds the order it was
 * redeemed for ({@code CouponKernel.reinstate}). Part of the coupon's definition, fixed when it is
 * created, so the answer for a usage never changes after its redeem.
 */
public enum ReinstatePolicy {
    /** A redeemed use is final: a cancelled order does not give it back. The default. */
    NEVER,
    /**
     * A cancelled or refunded order gives its use back: the usage becomes REINSTATED, the coupon's
     * and the customer's counts drop by one, and the customer may use the coupon again within its
     * limits.
     */
    ON_CANCELLED_ORDER
}
