package dev.couponkernel.spi.coupon;

/**
 * How customers name a coupon at checkout. Part of the coupon's definition, fixed when it is created.
 */
public enum CodeMode {
    /** Everybody types the coupon's own code. The default. */
    SHARED,
    /**
     * The coupon is a campaign of unique codes: customers type one of the codes added to it (generated
     * or imported), each counted on its own against the per-code limit, and all of them together
     * against the coupon's total and per-customer limits and budget. The coupon's own code names the
     * campaign and is not accepted at checkout.
     */
    UNIQUE
}
