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

    /**
     * Spreads {@code amount} over lines in proportion to their weights, exact to the minor unit: each
     * line first gets {@code floor(amount x weight / total)}, then the units left over go one each to
     * the lines with the largest remainders, ties broken by {@code tieOrder} (lower first). No line
     * gets more than its weight.
     *
     * @param amount what to spread, at most the sum of the weights
     * @param weights the weight of each line, not negative
     * @param tieOrder a rank per line that breaks ties between equal remainders, all distinct
     * @return the share of each line; the shares sum to {@code amount}
     */
    public static long[] allocate(long amount, long[] weights, int[] tieOrder) {
        int n = weights.length;
        long[] shares = new long[n];
        if (amount == 0 || n == 0) {
            return shares;
        }
        long total = 0;
        for (long w : weights) {
            total = Math.addExact(total, w);
        }
        if (amount > total) {
            throw new IllegalArgumentException("cannot allocate " + amount + " over a total weight of " + total);
        }
        if (amount == total) {
            System.arraycopy(weights, 0, shares, 0, n);
            return shares;
        }
        long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            long w = weights[i];
            long high = Math.multiplyHigh(amount, w);
            long low = amount * w;
            if (high == 0 && low >= 0) {
                shares[i] = low / total;
                remainders[i] = low % total;
            } else {
                BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(w)).divideAndRemainder(BigInteger.valueOf(total));
                shares[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += shares[i];
        }
        long left = amount - given;
        if (left > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int byRemainder = Long.compare(remainders[b], remainders[a]);
                return byRemainder != 0 ? byRemainder : Integer.compare(tieOrder[a], tieOrder[b]);
            });
            for (int k = 0; k < left; k++) {
                shares[order[k]]++;
            }
        }
        return shares;
    }
}
