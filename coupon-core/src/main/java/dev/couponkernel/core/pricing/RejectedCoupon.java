package dev.couponkernel.core.pricing;

import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import java.util.Optional;

/**
 * A requested coupon the decision does not apply, and why. Immutable and thread-safe.
 *
 * @param code the code as requested, normalized
 * @param reason the machine-readable reason
 * @param message a specific explanation for logs and support; {@link RejectionReason#defaultMessage()} is
 *     the one to show a customer
 * @param hostReason the reason code of the host's condition or policy that rejected the coupon, with
 *     {@link RejectionReason#CONDITION_NOT_MET}; empty otherwise
 */
public record RejectedCoupon(CouponCode code, RejectionReason reason, String message, Optional<String> hostReason) {

    /**
     * Validates the parts.
     *
     * @param code the code as requested, normalized
     * @param reason the machine-readable reason
     * @param message a specific explanation for logs and support; {@link RejectionReason#defaultMessage()} is the one to show a customer
     * @param hostReason the host's reason code, with {@link RejectionReason#CONDITION_NOT_MET} only
     */
    public RejectedCoupon {
        Checks.notNull(code, "code");
        Checks.notNull(reason, "reason");
        Checks.notNull(message, "message");
        Checks.notNull(hostReason, "hostReason");
        if (hostReason.isPresent() != (reason == RejectionReason.CONDITION_NOT_MET)) {
            throw new dev.couponkernel.spi.error.InvalidInputException("hostReason",
                    "is given exactly when the reason is CONDITION_NOT_MET; the reason is " + reason);
        }
    }

    /**
     * A rejection with one of the library's reasons.
     *
     * @param code the code as requested, normalized
     * @param reason the machine-readable reason, not {@link RejectionReason#CONDITION_NOT_MET}
     * @param message a specific explanation for logs and support
     */
    public RejectedCoupon(CouponCode code, RejectionReason reason, String message) {
        this(code, reason, message, Optional.empty());
    }

    /**
     * @param code the code as requested, normalized
     * @param outcome a rejection
     * @return the rejected coupon it describes
     */
    public static RejectedCoupon of(CouponCode code, EligibilityOutcome outcome) {
        return new RejectedCoupon(code, outcome.reason().orElseThrow(), outcome.message().orElseThrow(), outcome.hostReason());
    }
}
