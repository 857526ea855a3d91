package dev.couponkernel.jdbc;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.internal.Checks;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the JDBC and JPA storages run a transaction again when it lost a race to a concurrent one: at
 * most {@link #maxAttempts()} tries, waiting between them an exponential back-off (the first
 * wait, times the multiplier for each further failure, never more than the longest wait) shortened
 * by a random share up to the jitter, so that transactions that collided do not collide again in
 * step. A lost race is a deadlock, a serialization failure, a lock wait that timed out, or (where
 * the command allows it) a concurrent insert of the same row; no other failure is retried. The
 * defaults are 20 tries, 1 ms doubling up to 50 ms, jitter 0.5. Immutable and thread-safe.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final long firstNanos;
    private final long maxNanos;
    private final double multiplier;
    private final double jitter;
    private final RetryListener listener;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.firstNanos = b.firstBackOff.toNanos();
        this.maxNanos = b.maxBackOff.toNanos();
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.listener = b.listener;
    }

    /** @return the default policy: 20 tries, 1 ms doubling up to 50 ms, jitter 0.5, no listener */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most tries of one transaction, the first included */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the wait after the first lost race */
    public Duration firstBackOff() {
        return Duration.ofNanos(firstNanos);
    }

    /** @return the longest wait between tries */
    public Duration longestBackOff() {
        return Duration.ofNanos(maxNanos);
    }

    /** @return how much each wait grows over the one before */
    public double multiplier() {
        return multiplier;
    }

    /** @return the share of each wait drawn at random */
    public double jitter() {
        return jitter;
    }

    /** @return who hears of retries */
    public RetryListener listener() {
        return listener;
    }

    /**
     * The wait after a failed try: {@code min(longest, first * multiplier^(failedTries - 1))}, less
     * {@code jitter * random} of it.
     *
     * @param failedTries how many tries have failed, from 1
     * @param random a number in [0, 1) (the store draws it at random; a test fixes it)
     * @return the wait
     */
    public Duration delay(int failedTries, double random) {
        if (failedTries < 1) {
            throw new IllegalArgumentException("failedTries is at least 1, was " + failedTries);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random is in [0, 1), was " + random);
        }
        double full = firstNanos * Math.pow(multiplier, failedTries - 1);
        long capped = (long) Math.min(full, maxNanos);
        return Duration.ofNanos(capped - (long) (capped * jitter * random));
    }

    /**
     * Called by a store after a try lost a race: tells the listener and waits, or, when that was the
     * last allowed try, tells the listener and answers the failure to throw.
     *
     * @param failedTries how many tries have failed, from 1
     * @param sqlState the failure's SQLState, or null
     * @param cause the failure
     * @return null when the store should try again (after this call has waited), else the exception to throw
     * @throws StorageException if the thread is interrupted while waiting (the interrupt is kept)
     */
    public StorageException afterLostRace(int failedTries, String sqlState, Throwable cause) {
        if (failedTries >= maxAttempts) {
            notify(true, new RetryEvent(failedTries, Duration.ZERO, sqlState, cause));
            return new StorageException("gave up after " + failedTries + " attempts lost to concurrent transactions", cause);
        }
        Duration wait = delay(failedTries, ThreadLocalRandom.current().nextDouble());
        notify(false, new RetryEvent(failedTries, wait, sqlState, cause));
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a transaction", e);
        }
        return null;
    }

    private void notify(boolean gaveUp, RetryEvent event) {
        try {
            if (gaveUp) {
                listener.gaveUp(event);
            } else {
                listener.retrying(event);
            }
        } catch (RuntimeException ignored) {
            // a listener's failure never changes the command's outcome
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", firstBackOff=" + Duration.ofNanos(firstNanos) + ", maxBackOff="
                + Duration.ofNanos(maxNanos) + ", multiplier=" + multiplier + ", jitter=" + jitter + "]";
    }

    /** Settings of a {@link RetryPolicy}, starting from the defaults. Not thread-safe; build once. */
    public static final class Builder {
        private int maxAttempts = 20;
        private Duration firstBackOff = Duration.ofMillis(1);
        private Duration maxBackOff = Duration.ofMillis(50);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private RetryListener listener = RetryListener.NONE;

        private Builder() {}

        /**
         * @param attempts the most tries of one transaction, 1 (never retry) to 1,000
         * @return this builder
         * @throws InvalidInputException if out of range
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 1_000) {
                throw new InvalidInputException("maxAttempts", "must be 1 to 1000, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * @param first the wait after the first failed try, zero or more
         * @param longest the longest wait, at least {@code first} and at most 10 s
         * @return this builder
         * @throws InvalidInputException if out of range
         */
        public Builder backOff(Duration first, Duration longest) {
            Checks.notNull(first, "firstBackOff");
            Checks.notNull(longest, "maxBackOff");
            if (first.isNegative()) {
                throw new InvalidInputException("firstBackOff", "must not be negative, was " + first);
            }
            if (longest.compareTo(first) < 0 || longest.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new InvalidInputException("maxBackOff", "must be from firstBackOff (" + first + ") to 10 s, was " + longest);
            }
            this.firstBackOff = first;
            this.maxBackOff = longest;
            return this;
        }

        /**
         * @param factor how much longer each wait is than the one before, 1 (constant) to 10
         * @return this builder
         * @throws InvalidInputException if out of range
         */
        public Builder multiplier(double factor) {
            if (!(factor >= 1 && factor <= 10)) {
                throw new InvalidInputException("multiplier", "must be 1 to 10, was " + factor);
            }
            this.multiplier = factor;
            return this;
        }

        /**
         * @param share the largest random share taken off a wait, 0 (none) to 1 (anything from zero to the full wait)
         * @return this builder
         * @throws InvalidInputException if out of range
         */
        public Builder jitter(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new InvalidInputException("jitter", "must be 0 to 1, was " + share);
            }
            this.jitter = share;
            return this;
        }

        /**
         * @param listener who hears of retries and of giving up
         * @return this builder
         */
        public Builder listener(RetryListener listener) {
            this.listener = Checks.notNull(listener, "listener");
            return this;
        }

        /** @return the policy */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
