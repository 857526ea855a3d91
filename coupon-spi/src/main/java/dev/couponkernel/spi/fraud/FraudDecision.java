package dev.couponkernel.spi.fraud;

/** What the fraud guard decided about an attempt, from its score and the policy's thresholds. */
public enum FraudDecision {
    /** Nothing suspicious enough to mention. */
    ALLOW,
    /** Allowed, but flagged for a person to look at: audited and a security alert is raised. */
    REVIEW,
    /** Refused before any lock is taken, with reason {@code SUSPECTED_FRAUD}. */
    BLOCK
}
