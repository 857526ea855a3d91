package dev.couponkernel.jdbc;

import java.time.Duration;

/**
 * One try of a transaction that lost a race to a concurrent one (a deadlock, a serialization
 * failure, a lock wait that timed out, a concurrent insert of the same row), as a {@link
 * RetryListener} hears of it. Immutable and thread-safe.
 *
 * @param failedTries how many tries have failed so far, from 1
 * @param delay how long the store waits before the next try; zero when it gives up
 * @param sqlState the database's SQLState of the failure, or null when the failure carries none
 * @param cause the failure
 */
public record RetryEvent(int failedTries, Duration delay, String sqlState, Throwable cause) {

    /**
     * Validates the parts.
     *
     * @param failedTries how many tries have failed so far, from 1
     * @param delay how long the store waits before the next try; zero when it gives up
     * @param sqlState the database's SQLState of the failure, or null when the failure carries none
     * @param cause the failure
     */
    public RetryEvent {
        if (failedTries < 1) {
            throw new IllegalArgumentException("failedTries is at least 1, was " + failedTries);
        }
        if (delay == null || delay.isNegative() || cause == null) {
            throw new IllegalArgumentException("a retry event has a delay of zero or more and a cause");
        }
    }
}
