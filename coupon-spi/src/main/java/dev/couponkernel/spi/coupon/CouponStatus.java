package dev.couponkernel.spi.coupon;

/**
 * The lifecycle of a coupon: {@code DRAFT -> ACTIVE -> DISABLED}, or {@code DRAFT -> DISABLED}; an
 * active coupon may be {@code SUSPENDED} (by the fraud guard) and become {@code ACTIVE} again when
 * staff lift the suspension, or be disabled from there. {@code DISABLED} is final.
 */
public enum CouponStatus {
    /** Created, not yet usable. */
    DRAFT,
    /** Usable within its validity period and limits. */
    ACTIVE,
    /** Not usable until staff lift the suspension; the fraud guard's reversible answer to an attack. */
    SUSPENDED,
    /** Never usable again. */
    DISABLED
}
