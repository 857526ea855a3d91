package dev.couponkernel.spi.store;

/** The kinds of state change the audit trail records. */
public enum AuditAction {
    /** A coupon was created as a draft. */
    COUPON_CREATED,
    /** A coupon became active. */
    COUPON_ACTIVATED,
    /** A coupon was suspended (by the fraud guard); lifting the suspension makes it active again. */
    COUPON_SUSPENDED,
    /** A coupon's suspension was lifted: it is active again. */
    COUPON_SUSPENSION_LIFTED,
    /** A coupon was disabled. */
    COUPON_DISABLED,
    /** A coupon's usage limits changed. */
    COUPON_LIMITS_CHANGED,
    /** A usage was locked for a checkout. */
    USAGE_LOCKED,
    /** A usage was redeemed for an order. */
    USAGE_REDEEMED,
    /** A usage was released: the checkout failed, the coupon was dropped, or the lock expired. */
    USAGE_RELEASED,
    /** A redeemed usage was given back: its order was cancelled or refunded. */
    USAGE_REINSTATED,
    /** A batch of unique codes was added to a campaign. */
    CODES_ADDED,
    /** One of a campaign's unique codes was voided. */
    CODE_VOIDED,
    /** The fraud guard refused an attempt to use the coupon. */
    COUPON_REJECTED,
    /** The fraud guard raised a security alert about the coupon. */
    SECURITY_ALERT
}
