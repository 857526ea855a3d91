package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;

/**
 * A requested coupon the decision does not apply, and why. Immutable and thread-safe.
 *
 * @param code the code as requested, normalized
 * @param reason the machine-readable reason
 * @param message a specific explanation for logs and support; {@link RejectionReason#defaultMessage()} is
 *     the one to show a customer
 */
public record RejectedCoupon(CouponCode code, RejectionReason reason, String message) {

    /**
     * Validates the parts.
     *
     * @param code the code as requested, normalized
     * @param reason the machine-readable reason
     * @param message a specific explanation for logs and support; {@link RejectionReason#defaultMessage()} is the one to show a customer
     */
    public RejectedCoupon {
        Checks.notNull(code, "code");
        Checks.notNull(reason, "reason");
        Checks.notNull(message, "message");
    }
}
