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

    private static final EligibilityOutcome ELIGIBLE = new EligibilityOutcome(null, null, null);
    private static final java.util.regex.Pattern HOST_REASON = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final RejectionReason reason;
    private final String message;
    private final String hostReason;

    private EligibilityOutcome(RejectionReason reason, String message, String hostReason) {
        this.reason = reason;
        this.message = message;
        this.hostReason = hostReason;
    }

    /** @return the eligible outcome */
    public static EligibilityOutcome eligible() {
        return ELIGIBLE;
    }

    /**
     * Returns a rejection.
     *
     * @param reason the reason code; {@link RejectionReason#CONDITION_NOT_MET} goes with a host's own
     *     code, through {@link #rejectedByHost}
     * @param message a specific explanation, for logs and support
     * @return the outcome
     * @throws dev.couponkernel.spi.error.InvalidInputException for CONDITION_NOT_MET
     */
    public static EligibilityOutcome rejected(RejectionReason reason, String message) {
        if (reason == RejectionReason.CONDITION_NOT_MET) {
            throw new dev.couponkernel.spi.error.InvalidInputException("reason",
                    "CONDITION_NOT_MET carries the host's own reason code: use rejectedByHost(code, message)");
        }
        return new EligibilityOutcome(Checks.notNull(reason, "reason"), Checks.notNull(message, "message"), null);
    }

    /**
     * Returns a rejection by a host's condition or policy with a reason code of the host's own: the
     * reason is {@link RejectionReason#CONDITION_NOT_MET} and {@link #hostReason()} the code, which
     * the decision, its JSON and the metrics carry.
     *
     * @param hostReason the host's reason code: a letter, then letters, digits, {@code _ . -}; at most 64 characters
     *     (for example {@code LOYALTY_TIER_TOO_LOW})
     * @param message a specific explanation, for logs and support
     * @return the outcome
     * @throws dev.couponkernel.spi.error.InvalidInputException if the code is not one
     */
    public static EligibilityOutcome rejectedByHost(String hostReason, String message) {
        Checks.notNull(hostReason, "hostReason");
        if (!HOST_REASON.matcher(hostReason).matches()) {
            throw new dev.couponkernel.spi.error.InvalidInputException("hostReason", "'" + Checks.quote(hostReason)
                    + "' is not a reason code: a letter, then letters, digits, _ . or -, at most 64 characters");
        }
        return new EligibilityOutcome(RejectionReason.CONDITION_NOT_MET, Checks.notNull(message, "message"), hostReason);
    }

    /** @return whether the coupon is eligible */
    public boolean isEligible() {
        return reason == null;
    }

    /** @return the reason code, if rejected */
    public Optional<RejectionReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return the host's own reason code, if a host's condition or policy rejected with one */
    public Optional<String> hostReason() {
        return Optional.ofNullable(hostReason);
    }

    /** @return the explanation, if rejected */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return reason == null ? "ELIGIBLE" : reason + (hostReason == null ? "" : " (" + hostReason + ")") + ": " + message;
    }
}
