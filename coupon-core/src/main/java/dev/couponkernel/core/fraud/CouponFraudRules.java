package dev.couponkernel.core.fraud;

import java.util.Optional;

/**
 * A coupon's own fraud rules, which override the guard's global ones: its thresholds, and whether
 * the guard suspends it by itself. Immutable and thread-safe.
 *
 * @param thresholds the coupon's thresholds, or null for the guard's
 * @param autoSuspend when to suspend the coupon, or null never to
 */
public record CouponFraudRules(FraudThresholds thresholds, AutoSuspend autoSuspend) {

    /** No override: the guard's thresholds, no auto-suspension. */
    public static final CouponFraudRules NONE = new CouponFraudRules(null, null);

    /**
     * @param thresholds the coupon's thresholds
     * @return these rules with them
     */
    public CouponFraudRules withThresholds(FraudThresholds thresholds) {
        return new CouponFraudRules(thresholds, autoSuspend);
    }

    /**
     * @param rule when to suspend the coupon
     * @return these rules with auto-suspension
     */
    public CouponFraudRules withAutoSuspend(AutoSuspend rule) {
        return new CouponFraudRules(thresholds, rule);
    }

    /** @return the coupon's thresholds, if it has its own */
    public Optional<FraudThresholds> ownThresholds() {
        return Optional.ofNullable(thresholds);
    }

    /** @return the auto-suspension rule, if any */
    public Optional<AutoSuspend> autoSuspendRule() {
        return Optional.ofNullable(autoSuspend);
    }
}
