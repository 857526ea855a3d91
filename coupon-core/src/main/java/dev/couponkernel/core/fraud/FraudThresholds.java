package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.FraudScore;

/**
 * Where a fraud score turns into a decision: at or above {@code review} an attempt is flagged, at or
 * above {@code block} it is refused. Immutable and thread-safe.
 *
 * @param review the lowest score flagged for review
 * @param block the lowest score blocked; at least {@code review}
 */
public record FraudThresholds(FraudScore review, FraudScore block) {

    /** The defaults: review from 40, block from 70. */
    public static final FraudThresholds DEFAULT = new FraudThresholds(FraudScore.of(40), FraudScore.of(70));

    /**
     * Validates that review does not exceed block, and that a score of 0 is never blocked.
     *
     * @param review the lowest score flagged for review
     * @param block the lowest score blocked; at least {@code review}
     */
    public FraudThresholds {
        Checks.notNull(review, "review");
        Checks.notNull(block, "block");
        if (review.compareTo(block) > 0) {
            throw new InvalidInputException("thresholds", "review (" + review.value() + ") must not exceed block ("
                    + block.value() + ")");
        }
        if (block.value() == 0) {
            throw new InvalidInputException("thresholds.block", "must be at least 1: a block threshold of 0 blocks everyone");
        }
    }

    /**
     * @param review the lowest score flagged, 0 to 100
     * @param block the lowest score blocked, 1 to 100, at least {@code review}
     * @return the thresholds
     */
    public static FraudThresholds of(int review, int block) {
        return new FraudThresholds(FraudScore.of(review), FraudScore.of(block));
    }

    /**
     * @param score a score
     * @return BLOCK at or above the block threshold, REVIEW at or above the review threshold (when it is
     *     above 0), ALLOW otherwise
     */
    public FraudDecision decide(FraudScore score) {
        if (score.atLeast(block)) {
            return FraudDecision.BLOCK;
        }
        if (review.value() > 0 && score.atLeast(review)) {
            return FraudDecision.REVIEW;
        }
        return FraudDecision.ALLOW;
    }
}
