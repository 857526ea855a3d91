package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.math.BigDecimal;

/**
 * A share strictly above 0 % and at most 100 %, exact to a hundredth of a percent (a basis point).
 *
 * <p>Immutable and thread-safe.
 *
 * @param basisPoints hundredths of a percent: 1 is 0.01 %, 10 000 is 100 %
 */
public record Percentage(int basisPoints) implements Comparable<Percentage> {

    /** 100 %. */
    public static final Percentage HUNDRED = new Percentage(10_000);

    /**
     * Validates the range.
     *
     * @param basisPoints hundredths of a percent: 1 is 0.01 %, 10 000 is 100 %
     */
    public Percentage {
        if (basisPoints <= 0 || basisPoints > 10_000) {
            throw new InvalidInputException(
                    "percentage", "must be above 0 and at most 100, was " + BigDecimal.valueOf(basisPoints, 2).toPlainString());
        }
    }

    /**
     * Returns a percentage given in basis points.
     *
     * @param basisPoints hundredths of a percent, 1 to 10 000
     * @return the percentage
     */
    public static Percentage ofBasisPoints(int basisPoints) {
        return new Percentage(basisPoints);
    }

    /**
     * Returns a percentage given as a decimal number of percent, for example {@code 12.5}.
     *
     * @param percent above 0 and at most 100, with at most two decimal places
     * @return the percentage
     * @throws InvalidInputException if out of range or more precise than a basis point
     */
    public static Percentage of(BigDecimal percent) {
        Checks.notNull(percent, "percentage");
        // compareTo and signum look at precision and scale only; nothing below builds digits before the
        // scale is known to be at most 2 (1e-999999999 would otherwise build a billion of them)
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidInputException("percentage", "must be above 0 and at most 100, was " + Money.describe(percent));
        }
        BigDecimal exact = percent.scale() > 2 ? percent.stripTrailingZeros() : percent;
        if (exact.scale() > 2) {
            throw new InvalidInputException("percentage", Money.describe(percent) + " has more than two decimal places");
        }
        return new Percentage(exact.movePointRight(2).intValueExact());
    }

    /**
     * Returns a percentage given as a decimal string of percent, for example {@code "12.5"}.
     *
     * @param percent above 0 and at most 100, with at most two decimal places
     * @return the percentage
     */
    public static Percentage of(String percent) {
        Checks.notNull(percent, "percentage");
        if (percent.length() > Money.MAX_TEXT_LENGTH) {
            throw new InvalidInputException("percentage", "'" + Checks.quote(percent) + "' is " + percent.length()
                    + " characters long, at most " + Money.MAX_TEXT_LENGTH + " are allowed");
        }
        try {
            return of(new BigDecimal(percent));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("percentage", "'" + Checks.quote(percent) + "' is not a decimal number");
        }
    }

    /**
     * Returns a whole number of percent.
     *
     * @param percent 1 to 100
     * @return the percentage
     */
    public static Percentage of(int percent) {
        return of(BigDecimal.valueOf(percent));
    }

    /** @return the percentage as a decimal number of percent, for example {@code 12.50} */
    public BigDecimal percent() {
        return BigDecimal.valueOf(basisPoints, 2);
    }

    @Override
    public int compareTo(Percentage other) {
        return Integer.compare(basisPoints, other.basisPoints);
    }

    @Override
    public String toString() {
        return percent().stripTrailingZeros().toPlainString() + "%";
    }
}
