package dev.couponkernel.spi.coupon;

/**
 * The lifecycle of a coupon: {@code DRAFT -> ACTIVE -> DISABLED}, or {@code DRAFT -> DISABLED}.
 * {@code DISABLED} is final.
 */
public enum CouponStatus {
    /** Created, not yet usable. */
    DRAFT,
    /** Usable within its validity period and limits. */
    ACTIVE,
    /** Never usable again. */
    DISABLED
}
