package dev.couponkernel.spring.boot;

import dev.couponkernel.jdbc.JdbcCouponStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JDBC storage's consistency check when asked (the schedule asks every {@code
 * couponkernel.consistency.interval}) and keeps the last result for the health indicator. A problem
 * found is logged as an error: stored counts, usages, audit chains and events that disagree are
 * never normal. Thread-safe.
 */
public final class ConsistencyWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ConsistencyWatch.class);

    /**
     * One run of the check.
     *
     * @param at when it ended
     * @param problems what it found, empty when everything agrees
     * @param failure why it could not run, if it could not
     */
    public record Result(Instant at, List<String> problems, Optional<String> failure) {

        /**
         * @param at when it ended
         * @param problems what it found, empty when everything agrees
         * @param failure why it could not run, if it could not
         */
        public Result {
            problems = List.copyOf(problems);
        }

        /** @return whether the check ran and found nothing wrong */
        public boolean healthy() {
            return failure.isEmpty() && problems.isEmpty();
        }
    }

    private final JdbcCouponStorage storage;
    private final Clock clock;
    private volatile Result last;

    ConsistencyWatch(JdbcCouponStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** @return the result of this run */
    public Result check() {
        Result r;
        try {
            List<String> problems = storage.consistency().problems();
            r = new Result(clock.instant(), problems, Optional.empty());
            if (!problems.isEmpty()) {
                LOG.error("the consistency check found {} problems, the first: {}", problems.size(), problems.get(0));
            }
        } catch (RuntimeException e) {
            r = new Result(clock.instant(), List.of(), Optional.of(e.toString()));
            LOG.warn("the consistency check could not run", e);
        }
        last = r;
        return r;
    }

    /** @return the last run's result, if one has run */
    public Optional<Result> last() {
        return Optional.ofNullable(last);
    }
}
