package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Money;
import java.util.Optional;

/**
 * What a {@link FraudSignalProvider} is asked about: one attempt, the coupon its code matched, the
 * discount the coupon would give, and the attempt history (which does not yet hold this attempt).
 * Immutable and thread-safe as far as its log is.
 *
 * @param attempt the attempt
 * @param coupon the coupon the code matched, if any
 * @param discount what the coupon would take off this cart (zero when it does not apply)
 * @param history the attempts recorded before this one
 */
public record FraudCheck(AttemptContext attempt, Optional<CouponRecord> coupon, Money discount, AttemptLog history) {

    /**
     * Validates the parts.
     *
     * @param attempt the attempt
     * @param coupon the coupon the code matched, if any
     * @param discount what the coupon would take off this cart (zero when it does not apply)
     * @param history the attempts recorded before this one
     */
    public FraudCheck {
        Checks.notNull(attempt, "attempt");
        Checks.notNull(coupon, "coupon");
        Checks.notNull(discount, "discount");
        Checks.notNull(history, "history");
    }
}
