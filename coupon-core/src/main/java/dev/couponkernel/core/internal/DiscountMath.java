package dev.couponkernel.core.internal;

import java.math.BigInteger;

/**
 * Exact integer arithmetic on minor units: percentages rounded half up, and the largest-remainder
 * allocation of an amount over weighted lines. Stateless and thread-safe.
 */
public final class DiscountMath {

    private static final long BASIS = 10_000;

    private DiscountMath() {}

    /**
     * Returns {@code amount x basisPoints / 10 000}, rounded half up to a whole minor unit.
     *
     * @param amount a non-negative amount in minor units
     * @param basisPoints 1 to 10 000
     * @return the share, between 0 and {@code amount}
     */
    public static long percentOf(long amount, int basisPoints) {
        long high = Math.multiplyHigh(amount, basisPoints);
        long low = amount * basisPoints;
        if (high == 0 && low >= 0 && low <= Long.MAX_VALUE - BASIS / 2) {
            return (low + BASIS / 2) / BASIS;
        }
        return BigInteger.valueOf(amount)
                .multiply(BigInteger.valueOf(basisPoints))
                .add(BigInteger.valueOf(BASIS / 2))
                .divide(BigInteger.valueOf(BASIS))
                .longValueExact();
    }

    /** Breaks a tie between two lines whose remainders are equal: negative if line {@code a} goes first. */
    @FunctionalInterface
    public interface TieBreak {
        /**
         * @param a the position of one line
         * @param b the position of another line
         * @return negative if {@code a} gets the unit first, positive if {@code b} does; never zero for a != b
         */
        int compare(int a, int b);
    }

    /**
     * Spreads {@code amount} over lines in proportion to their weights, exact to the minor unit: each
     * line first gets {@code floor(amount x weight / total)}, then the units left over go one each to
     * the lines with the largest remainders, ties broken by {@code tieBreak}. No line gets more than
     * its weight.
     *
     * @param amount what to spread, at most the sum of the weights
     * @param weights the weight of each line, not negative
     * @param tieBreak orders lines whose remainders are equal
     * @return the share of each line; the shares sum to {@code amount}
     */
    public static long[] allocate(long amount, long[] weights, TieBreak tieBreak) {
        long[] shares = new long[weights.length];
        allocate(amount, weights, weights.length, tieBreak, shares, new long[weights.length]);
        return shares;
    }

    /**
     * As {@link #allocate(long, long[], TieBreak)} over the first {@code n} weights, writing into
     * caller-owned arrays so that a pricing pass allocates nothing per coupon.
     *
     * @param amount what to spread, at most the sum of the first {@code n} weights
     * @param weights the weights; only the first {@code n} are read
     * @param n how many lines
     * @param tieBreak orders lines whose remainders are equal
     * @param shares receives the share of each line in its first {@code n} places
     * @param remainders scratch space of at least {@code n} places
     */
    public static void allocate(long amount, long[] weights, int n, TieBreak tieBreak, long[] shares, long[] remainders) {
        java.util.Arrays.fill(shares, 0, n, 0);
        if (amount == 0 || n == 0) {
            return;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total = Math.addExact(total, weights[i]);
        }
        if (amount > total) {
            throw new IllegalArgumentException("cannot allocate " + amount + " over a total weight of " + total);
        }
        if (amount == total) {
            System.arraycopy(weights, 0, shares, 0, n);
            return;
        }
        long given = 0;
        for (int i = 0; i < n; i++) {
            long w = weights[i];
            long high = Math.multiplyHigh(amount, w);
            long low = amount * w;
            if (high == 0 && low >= 0) {
                long share = low / total;
                shares[i] = share;
                remainders[i] = low - share * total;
            } else {
                BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(w))
                        .divideAndRemainder(BigInteger.valueOf(total));
                shares[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += shares[i];
        }
        long left = amount - given;
        // left < n: hand the units out one at a time to the largest remainder not yet served
        for (long k = 0; k < left; k++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (remainders[i] >= 0 && (best < 0 || goesBefore(i, best, remainders, tieBreak))) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
    }

    private static boolean goesBefore(int a, int b, long[] remainders, TieBreak tieBreak) {
        if (remainders[a] != remainders[b]) {
            return remainders[a] > remainders[b];
        }
        return tieBreak.compare(a, b) < 0;
    }
}
