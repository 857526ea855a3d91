package dev.couponkernel.core.fraud;

import java.util.Optional;

/**
 * A coupon's own fraud rules, which override the guard's global ones: its thresholds, and whether
 * the guard disables it by itself. Immutable and thread-safe.
 *
 * @param thresholds the coupon's thresholds, or null for the guard's
 * @param autoDisable when to disable the coupon, or null never to
 */
public record CouponFraudRules(FraudThresholds thresholds, AutoDisable autoDisable) {

    /** No override: the guard's thresholds, no auto-disable. */
    public static final CouponFraudRules NONE = new CouponFraudRules(null, null);

    /**
     * @param thresholds the coupon's thresholds
     * @return these rules with them
     */
    public CouponFraudRules withThresholds(FraudThresholds thresholds) {
        return new CouponFraudRules(thresholds, autoDisable);
    }

    /**
     * @param rule when to disable the coupon
     * @return these rules with auto-disable
     */
    public CouponFraudRules withAutoDisable(AutoDisable rule) {
        return new CouponFraudRules(thresholds, rule);
    }

    /** @return the coupon's thresholds, if it has its own */
    public Optional<FraudThresholds> ownThresholds() {
        return Optional.ofNullable(thresholds);
    }

    /** @return the auto-disable rule, if any */
    public Optional<AutoDisable> autoDisableRule() {
        return Optional.ofNullable(autoDisable);
    }
}
