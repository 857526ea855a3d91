package dev.couponkernel.core.pricing;

/**
 * How the engine chooses among requested coupons that do not combine. Either way every applied
 * coupon combines with every other applied one and the request's maximum holds; the two differ only
 * in which coupons win a conflict.
 */
public enum StackingSelection {
    /**
     * The coupons are taken by priority (highest first), then stacking class, then code: a coupon is
     * taken when it combines with every coupon already taken. The shop decides who wins; the default.
     */
    PRIORITY,
    /**
     * Of these choices the one that takes the most off the cart (merchandise and shipping) wins: what
     * {@link #PRIORITY} would choose, each exclusive coupon alone, and the stackable coupons together
     * (selected among themselves by priority). A tie goes to the earlier choice in that order, so the
     * customer never gets less than by priority and the shop's order decides between equal offers.
     */
    BEST_FOR_CUSTOMER
}
