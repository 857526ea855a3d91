package dev.couponkernel.spi.fraud;

import java.util.List;

/**
 * A detector: given an attempt and its history, the signals it sees. The kernel ships providers for
 * velocity, code enumeration, multi-account abuse, leaked private codes and new accounts with
 * high-value coupons; a host adds its own (a fraud service, a device-reputation feed) the same way.
 *
 * <p>A provider is asked once per attempt, before any lock is taken, so it should answer in
 * milliseconds. It must not change the attempt log. When it throws, the fraud guard logs the failure
 * and counts it as a signal with the score the guard is configured with for failures (0 by default:
 * fail open).
 *
 * <p>A provider that reads the history declares what it will ask with {@link #questions}: the guard
 * asks every provider's questions of one attempt together, in one call of {@link
 * AttemptLog#answerAll} (one statement on a database), and {@link #signals} then finds the answers
 * in {@link FraudCheck#history()} without another round trip. A question asked but not declared is
 * still answered, by a call of its own.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FraudSignalProvider {

    /**
     * @param check the attempt, its coupon, its discount and the history
     * @return the signals seen, empty when nothing is suspicious
     */
    List<FraudSignal> signals(FraudCheck check);

    /**
     * The questions {@link #signals} will ask of the history for this attempt, so that the guard can
     * ask them all at once. Declaring one that {@code signals} then does not ask costs its share of the
     * one statement; the default declares none.
     *
     * @param check the attempt, its coupon, its discount and the history (not to be read here)
     * @return the questions, empty by default
     */
    default List<AttemptQuestion> questions(FraudCheck check) {
        return List.of();
    }
}
