package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.internal.Checks;
import java.util.Optional;

/**
 * What an eligibility policy says of a coupon: eligible, or rejected with a reason code and a message
 * that explains the specific case (for example which minimum was missed by how much). Immutable and
 * thread-safe.
 */
public final class EligibilityOutcome {

    private static final EligibilityOutcome ELIGIBLE = new EligibilityOutcome(null, null);

    private final RejectionReason reason;
    private final String message;

    private EligibilityOutcome(RejectionReason reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    /** @return the eligible outcome */
    public static EligibilityOutcome eligible() {
        return ELIGIBLE;
    }

    /**
     * Returns a rejection.
     *
     * @param reason the reason code
     * @param message a specific explanation, for logs and support
     * @return the outcome
     */
    public static EligibilityOutcome rejected(RejectionReason reason, String message) {
        return new EligibilityOutcome(Checks.notNull(reason, "reason"), Checks.notNull(message, "message"));
    }

    /** @return whether the coupon is eligible */
    public boolean isEligible() {
        return reason == null;
    }

    /** @return the reason code, if rejected */
    public Optional<RejectionReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return the explanation, if rejected */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return reason == null ? "ELIGIBLE" : reason + ": " + message;
    }
}
