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
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FraudSignalProvider {

    /**
     * @param check the attempt, its coupon, its discount and the history
     * @return the signals seen, empty when nothing is suspicious
     */
    List<FraudSignal> signals(FraudCheck check);
}
