package dev.couponkernel.spi.event;

/** How serious a {@link SecurityAlertRaised} is. */
public enum AlertLevel {
    /** An attempt was allowed but flagged for review. */
    REVIEW,
    /** The fraud guard started blocking attempts to use the coupon. */
    BLOCK,
    /** The fraud guard suspended the coupon, until staff lift the suspension. */
    SUSPENDED,
    /** The fraud guard disabled the coupon (kernels before 0.2 did; today's guard suspends). */
    DISABLED
}
