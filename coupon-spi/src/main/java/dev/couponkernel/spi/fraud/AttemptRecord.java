package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.FraudScore;
import java.util.List;
import java.util.Optional;

/**
 * An attempt as the {@link AttemptLog} keeps it: its context, the coupon its code matched, how it
 * ended, and the fraud guard's verdict. Immutable and thread-safe.
 *
 * @param context the attempt
 * @param couponId the coupon the code matched, or null for an unknown or malformed code
 * @param outcome how it ended
 * @param reason why the coupon did not apply, or null when it was accepted
 * @param score the fraud score
 * @param decision the fraud guard's decision
 * @param signals the signals behind the score (those with a score above zero)
 */
public record AttemptRecord(
        AttemptContext context, CouponId couponId, AttemptOutcome outcome, RejectionReason reason, FraudScore score,
        FraudDecision decision, List<FraudSignal> signals) {

    /**
     * Validates the parts and that outcome, reason and decision agree.
     *
     * @param context the attempt
     * @param couponId the coupon the code matched, or null for an unknown or malformed code
     * @param outcome how it ended
     * @param reason why the coupon did not apply, or null when it was accepted
     * @param score the fraud score
     * @param decision the fraud guard's decision
     * @param signals the signals behind the score (those with a score above zero)
     */
    public AttemptRecord {
        Checks.notNull(context, "context");
        Checks.notNull(outcome, "outcome");
        Checks.notNull(score, "score");
        Checks.notNull(decision, "decision");
        signals = List.copyOf(Checks.notNull(signals, "signals"));
        if ((outcome == AttemptOutcome.ACCEPTED) != (reason == null)) {
            throw new InvalidInputException("reason", "an accepted attempt has no reason, any other has one; outcome "
                    + outcome + ", reason " + reason);
        }
        if ((outcome == AttemptOutcome.BLOCKED) != (decision == FraudDecision.BLOCK)) {
            throw new InvalidInputException("outcome", "an attempt is blocked exactly when the decision is BLOCK; outcome "
                    + outcome + ", decision " + decision);
        }
        if (outcome == AttemptOutcome.BLOCKED && reason != RejectionReason.SUSPECTED_FRAUD) {
            throw new InvalidInputException("reason", "a blocked attempt has reason SUSPECTED_FRAUD, was " + reason);
        }
    }

    /** @return the coupon the code matched, if any */
    public Optional<CouponId> coupon() {
        return Optional.ofNullable(couponId);
    }

    /**
     * @param field a field
     * @return the attempt's value of it, or null when the attempt has none
     */
    public String valueOf(AttemptField field) {
        ClientInfo c = context.client();
        return switch (field) {
            case USER -> context.userId().value();
            case DEVICE -> c.deviceFingerprint();
            case IP -> c.ipAddress();
            case PAYMENT -> c.paymentFingerprint();
            case COUPON -> couponId == null ? null : couponId.value();
        };
    }
}
