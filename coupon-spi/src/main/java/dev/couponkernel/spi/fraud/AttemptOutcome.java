package dev.couponkernel.spi.fraud;

/** How an attempt ended. */
public enum AttemptOutcome {
    /** The coupon applied (an apply locked it; a validate found it would apply). */
    ACCEPTED,
    /** The coupon did not apply for a business reason: unknown code, limits, eligibility, stacking. */
    REJECTED,
    /** The fraud guard refused the attempt (reason {@code SUSPECTED_FRAUD}). */
    BLOCKED
}
