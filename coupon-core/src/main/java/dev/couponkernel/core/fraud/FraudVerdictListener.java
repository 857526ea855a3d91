package dev.couponkernel.core.fraud;

/**
 * Hears every verdict the fraud guard gives, after it is decided and before the kernel acts on it:
 * for metrics (verdicts by decision, signals by name) or the host's own monitoring. Called on the
 * thread of the attempt, so it should be quick. A listener that throws is ignored: the verdict
 * stands and the attempt goes on. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FraudVerdictListener {

    /**
     * @param verdict the verdict on one attempt: its score, decision and signals
     */
    void verdict(FraudVerdict verdict);
}
