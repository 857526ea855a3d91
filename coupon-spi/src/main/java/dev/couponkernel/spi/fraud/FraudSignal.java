package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;

/**
 * One piece of evidence from one detector: what it is, how much it adds to the fraud score, and why,
 * in words a reviewer reads. Immutable and thread-safe.
 *
 * @param name the detector's name: 1 to 64 lower-case letters, digits, '-' or '.', for example {@code
 *     velocity.user}
 * @param score the contribution, 0 to 100: how sure the detector alone is that the attempt is abuse
 * @param evidence what it saw, at most 512 characters, for example {@code "12 attempts in 60s (limit 10)"}
 */
public record FraudSignal(String name, int score, String evidence) {

    /**
     * Validates the parts.
     *
     * @param name the detector's name: 1 to 64 lower-case letters, digits, '-' or '.', for example {@code velocity.user}
     * @param score the contribution, 0 to 100: how sure the detector alone is that the attempt is abuse
     * @param evidence what it saw, at most 512 characters, for example {@code "12 attempts in 60s (limit 10)"}
     */
    public FraudSignal {
        Checks.notNull(name, "signal.name");
        if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
            throw new InvalidInputException("signal.name",
                    "'" + name + "' must be 1 to 64 characters of a-z, 0-9, '-' and '.'");
        }
        if (score < 0 || score > 100) {
            throw new InvalidInputException("signal.score", "must be between 0 and 100, was " + score);
        }
        Checks.text(evidence, "signal.evidence", 512);
    }

    /**
     * @param name the detector's name
     * @param score 0 to 100
     * @param evidence what it saw
     * @return the signal
     */
    public static FraudSignal of(String name, int score, String evidence) {
        return new FraudSignal(name, score, evidence);
    }

    @Override
    public String toString() {
        return name + "=" + score + " (" + evidence + ")";
    }
}
