package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * The answer to an {@link AttemptQuestion}: a count for {@link AttemptQuestion.Kind#COUNT} and
 * {@link AttemptQuestion.Kind#COUNT_DISTINCT}, instants (newest first) for
 * {@link AttemptQuestion.Kind#RECENT_TIMES}. Immutable and thread-safe.
 *
 * @param count the count, or the number of instants for recent times
 * @param times the instants, newest first; empty for a count
 */
public record AttemptAnswer(long count, List<Instant> times) {

    /**
     * Validates the parts.
     *
     * @param count the count, or the number of instants for recent times
     * @param times the instants, newest first; empty for a count
     */
    public AttemptAnswer {
        Checks.nonNegative(count, "count");
        times = List.copyOf(Checks.notNull(times, "times"));
    }

    /**
     * @param count a count
     * @return the answer to a count
     */
    public static AttemptAnswer ofCount(long count) {
        return new AttemptAnswer(count, List.of());
    }

    /**
     * @param newestFirst instants, newest first
     * @return the answer to a question for recent times
     */
    public static AttemptAnswer ofTimes(List<Instant> newestFirst) {
        return new AttemptAnswer(Checks.notNull(newestFirst, "times").size(), newestFirst);
    }
}
