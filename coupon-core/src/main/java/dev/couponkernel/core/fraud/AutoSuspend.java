package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.time.Duration;

/**
 * When the fraud guard suspends a coupon by itself: within the last {@code window}, at least {@code
 * minBlocked} distinct subjects were blocked trying to use it, and they were at least {@code
 * blockedPercent} of the distinct subjects that tried to use it. Both conditions must hold.
 *
 * <p>Subjects are counted, not attempts: a subject blocked a hundred times counts once, so one
 * abuser (a device that keeps retrying a popular code) cannot take a coupon away from the shop's
 * customers. Distinct subjects are the fewest distinct values among the attempts' customers, devices
 * and IP addresses (each where the host passes it): an attack counts as coming from many subjects
 * only when it comes from many accounts and many devices and many addresses. A farm of accounts on
 * one phone is one subject (the multi-account signal blocks it anyway); a botnet is many.
 *
 * <p>What the guard does is a reversible suspension ({@code CouponStatus.SUSPENDED}), audited and
 * published as {@code CouponSuspended}; staff lift it with {@code CouponKernel.liftSuspension} or
 * disable the coupon for good. Immutable and thread-safe.
 *
 * @param window how far back attempts count, positive
 * @param minBlocked the fewest distinct blocked subjects, at least 1
 * @param blockedPercent the lowest share of blocked subjects among all subjects, 1 to 100
 */
public record AutoSuspend(Duration window, int minBlocked, int blockedPercent) {

    /**
     * Validates the parts.
     *
     * @param window how far back attempts count, positive
     * @param minBlocked the fewest distinct blocked subjects, at least 1
     * @param blockedPercent the lowest share of blocked subjects among all subjects, 1 to 100
     */
    public AutoSuspend {
        Checks.notNull(window, "autoSuspend.window");
        if (window.isZero() || window.isNegative()) {
            throw new InvalidInputException("autoSuspend.window", "must be positive, was " + window);
        }
        if (minBlocked < 1) {
            throw new InvalidInputException("autoSuspend.minBlocked", "must be at least 1, was " + minBlocked);
        }
        if (blockedPercent < 1 || blockedPercent > 100) {
            throw new InvalidInputException("autoSuspend.blockedPercent", "must be 1 to 100, was " + blockedPercent);
        }
    }

    /**
     * @param window how far back attempts count
     * @param minBlocked the fewest distinct blocked subjects
     * @param blockedPercent the lowest share of blocked subjects, in percent
     * @return the rule
     */
    public static AutoSuspend after(Duration window, int minBlocked, int blockedPercent) {
        return new AutoSuspend(window, minBlocked, blockedPercent);
    }

    /**
     * @param blocked distinct subjects blocked in the window
     * @param total distinct subjects that tried the coupon in the window
     * @return whether the coupon should be suspended
     */
    public boolean reached(long blocked, long total) {
        return blocked >= minBlocked && total > 0 && blocked * 100 >= (long) blockedPercent * total;
    }
}
