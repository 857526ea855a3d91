package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.time.Duration;

/**
 * When the fraud guard disables a coupon by itself: within the last {@code window}, at least {@code
 * minBlocked} attempts to use it were blocked, and they were at least {@code blockedPercent} of all
 * attempts to use it. Both conditions must hold, so a single abuser on a popular coupon does not
 * disable it, and a quiet coupon is not disabled by a handful of blocks. Immutable and thread-safe.
 *
 * @param window how far back attempts count, positive
 * @param minBlocked the fewest blocked attempts, at least 1
 * @param blockedPercent the lowest share of blocked attempts, 1 to 100
 */
public record AutoDisable(Duration window, int minBlocked, int blockedPercent) {

    /** Validates the parts. */
    public AutoDisable {
        Checks.notNull(window, "autoDisable.window");
        if (window.isZero() || window.isNegative()) {
            throw new InvalidInputException("autoDisable.window", "must be positive, was " + window);
        }
        if (minBlocked < 1) {
            throw new InvalidInputException("autoDisable.minBlocked", "must be at least 1, was " + minBlocked);
        }
        if (blockedPercent < 1 || blockedPercent > 100) {
            throw new InvalidInputException("autoDisable.blockedPercent", "must be 1 to 100, was " + blockedPercent);
        }
    }

    /**
     * @param window how far back attempts count
     * @param minBlocked the fewest blocked attempts
     * @param blockedPercent the lowest share of blocked attempts, in percent
     * @return the rule
     */
    public static AutoDisable after(Duration window, int minBlocked, int blockedPercent) {
        return new AutoDisable(window, minBlocked, blockedPercent);
    }

    /**
     * @param blocked blocked attempts in the window
     * @param total all attempts in the window
     * @return whether the coupon should be disabled
     */
    public boolean reached(long blocked, long total) {
        return blocked >= minBlocked && total > 0 && blocked * 100 >= (long) blockedPercent * total;
    }
}
