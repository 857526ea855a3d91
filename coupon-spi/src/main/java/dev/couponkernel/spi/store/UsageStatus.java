package dev.couponkernel.spi.store;

/** Where a usage is: locked during checkout, then redeemed or released. REDEEMED and RELEASED are final. */
public enum UsageStatus {
    /** Reserved for a checkout and counted against the limits until it is redeemed, released or expires. */
    LOCKED,
    /** The order exists; the usage counts forever. */
    REDEEMED,
    /** The checkout failed or its lock expired; the usage no longer counts. */
    RELEASED
}
