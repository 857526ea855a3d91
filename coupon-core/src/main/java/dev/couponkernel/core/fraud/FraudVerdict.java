package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.FraudScore;
import java.util.List;

/**
 * The fraud guard's verdict on one attempt: the signals seen, the score they combine to, and the
 * decision the thresholds give. Immutable and thread-safe.
 *
 * @param codeAsTyped the code the attempt was about, as typed
 * @param score the combined score
 * @param decision what the guard decided
 * @param signals the signals with a score above zero, highest first
 */
public record FraudVerdict(String codeAsTyped, FraudScore score, FraudDecision decision, List<FraudSignal> signals) {

    /**
     * Validates the parts.
     *
     * @param codeAsTyped the code the attempt was about, as typed
     * @param score the combined score
     * @param decision what the guard decided
     * @param signals the signals with a score above zero, highest first
     */
    public FraudVerdict {
        Checks.notNull(codeAsTyped, "codeAsTyped");
        Checks.notNull(score, "score");
        Checks.notNull(decision, "decision");
        signals = List.copyOf(Checks.notNull(signals, "signals"));
    }

    /** @return whether the attempt is refused */
    public boolean blocked() {
        return decision == FraudDecision.BLOCK;
    }
}
