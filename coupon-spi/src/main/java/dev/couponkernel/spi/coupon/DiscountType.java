package dev.couponkernel.spi.coupon;

/** The kind of discount a coupon gives. */
public enum DiscountType {
    /** A percentage of the eligible lines, optionally capped per currency. */
    PERCENT,
    /** A fixed amount per currency, spread over the eligible lines. */
    FIXED,
    /** Free or cheaper shipping: a percentage of the shipping amount, or a fixed amount off it. */
    SHIPPING,
    /** A percentage or an amount off the eligible lines that steps up with their subtotal or quantity. */
    TIERED,
    /** A percentage or an amount off each eligible unit, optionally on at most a number of units. */
    PER_UNIT,
    /** Buy X units of the coupon's scope, get Y units of a reward scope free or cheaper. */
    BUY_X_GET_Y,
    /** The eligible items, or each set of N eligible units, for a fixed price. */
    FIXED_PRICE,
    /** A percentage or an amount over the eligible lines and shipping together. */
    ORDER_AND_SHIPPING,
    /** A kind the host registers with the kernel, calculated by the host and checked by the engine. */
    HOST
}
