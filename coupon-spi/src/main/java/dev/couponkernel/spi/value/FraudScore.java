package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;

/**
 * The combined verdict of the fraud signals on one attempt, on a scale from 0 (no suspicion) to 100
 * (certain abuse). Immutable and thread-safe.
 *
 * @param value 0 to 100
 */
public record FraudScore(int value) implements Comparable<FraudScore> {

    /** No suspicion. */
    public static final FraudScore NONE = new FraudScore(0);
    /** The top of the scale. */
    public static final FraudScore MAX = new FraudScore(100);

    /**
     * Validates the range.
     *
     * @param value 0 to 100
     */
    public FraudScore {
        if (value < 0 || value > 100) {
            throw new InvalidInputException("fraudScore", "must be between 0 and 100, was " + value);
        }
    }

    /**
     * Returns a score.
     *
     * @param value 0 to 100
     * @return the score
     */
    public static FraudScore of(int value) {
        return new FraudScore(value);
    }

    /**
     * Tells whether this score is at or above a threshold.
     *
     * @param threshold the threshold
     * @return true if {@code this >= threshold}
     */
    public boolean atLeast(FraudScore threshold) {
        return value >= threshold.value;
    }

    @Override
    public int compareTo(FraudScore other) {
        return Integer.compare(value, other.value);
    }
}
