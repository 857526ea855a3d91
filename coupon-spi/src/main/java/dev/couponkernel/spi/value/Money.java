package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact, non-negative amount of one currency, held as a count of the currency's minor units
 * (cents for USD, yen for JPY, fils for BHD).
 *
 * <p>Every amount in a pricing decision is a price, a discount or a total, so {@code Money} is never
 * negative: a negative amount is bad input. Arithmetic returns new instances; it fails with
 * {@link InvalidInputException} on overflow, on a result below zero and when the two operands are in
 * different currencies. There is never a silent conversion or a silent rounding: {@link #of(BigDecimal,
 * Currency)} refuses an amount with more decimal places than the currency has.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Money implements Comparable<Money> {

    private final long minorUnits;
    private final Currency currency;

    private Money(long minorUnits, Currency currency) {
        this.minorUnits = minorUnits;
        this.currency = currency;
    }

    /**
     * Returns an amount given in minor units.
     *
     * @param minorUnits the amount in the currency's minor units, not negative
     * @param currency an ISO 4217 currency with a defined number of decimal places
     * @return the amount
     * @throws InvalidInputException if the amount is negative or the currency has no minor unit definition
     */
    public static Money ofMinor(long minorUnits, Currency currency) {
        checkCurrency(currency);
        Checks.nonNegative(minorUnits, "money.amount");
        return new Money(minorUnits, currency);
    }

    /**
     * Returns an amount given as a decimal in major units, for example {@code 12.34} euros.
     *
     * @param amount the amount, not negative, with at most as many decimal places as the currency has
     * @param currency an ISO 4217 currency with a defined number of decimal places
     * @return the amount
     * @throws InvalidInputException if the amount is negative, too precise for the currency or too large
     */
    public static Money of(BigDecimal amount, Currency currency) {
        checkCurrency(currency);
        Checks.notNull(amount, "money.amount");
        if (amount.signum() < 0) {
            throw new InvalidInputException("money.amount", "must not be negative, was " + describe(amount));
        }
        int digits = currency.getDefaultFractionDigits();
        // bounds first, from precision and scale alone: setScale or toPlainString on 1e999999999
        // would build a billion digits
        if (amount.signum() != 0 && (long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidInputException(
                    "money.amount", describe(amount) + " " + currency.getCurrencyCode() + " is too large");
        }
        BigDecimal exact = amount.scale() > digits ? amount.stripTrailingZeros() : amount;
        if (exact.scale() > digits) {
            throw new InvalidInputException(
                    "money.amount",
                    describe(amount) + " has more decimal places than " + currency.getCurrencyCode()
                            + " allows (" + digits + ")");
        }
        try {
            return new Money(exact.setScale(digits, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(
                    "money.amount", describe(amount) + " " + currency.getCurrencyCode() + " is too large");
        }
    }

    /** The most digits before the decimal point an amount may have: {@code Long.MAX_VALUE} has 19. */
    private static final int MAX_INTEGER_DIGITS = 19;

    /** The longest decimal text {@link #of(String, String)} reads. */
    public static final int MAX_TEXT_LENGTH = 40;

    /**
     * A decimal for an error message: plain when short, else in scientific notation, and never more
     * than {@link Checks#QUOTE_LENGTH} characters (a plain rendering of 1e10000000 has ten million).
     */
    static String describe(BigDecimal value) {
        long plainLength = Math.max(value.precision(), Math.abs((long) value.scale())) + 2;
        return Checks.quote(plainLength <= Checks.QUOTE_LENGTH ? value.toPlainString() : value.toString());
    }

    /**
     * Returns an amount parsed from a decimal string and an ISO currency code, for example
     * {@code Money.of("12.34", "EUR")}.
     *
     * @param amount a decimal number such as {@code "12.34"}, at most {@value #MAX_TEXT_LENGTH} characters
     * @param currencyCode an ISO 4217 code such as {@code "EUR"}
     * @return the amount
     * @throws InvalidInputException if either part is malformed, or as {@link #of(BigDecimal, Currency)}
     */
    public static Money of(String amount, String currencyCode) {
        Checks.notNull(amount, "money.amount");
        if (amount.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException("money.amount", "'" + Checks.quote(amount) + "' is "
                    + amount.length() + " characters long, at most " + MAX_TEXT_LENGTH + " are allowed");
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("money.amount", "'" + Checks.quote(amount) + "' is not a decimal number");
        }
        return of(decimal, currency(currencyCode));
    }

    /**
     * Returns zero in a currency.
     *
     * @param currency the currency
     * @return zero
     */
    public static Money zero(Currency currency) {
        return ofMinor(0, currency);
    }

    /**
     * Resolves an ISO 4217 code to a currency usable for money.
     *
     * @param currencyCode an ISO 4217 code such as {@code "EUR"}
     * @return the currency
     * @throws InvalidInputException if the code is unknown or the currency has no decimal places defined
     */
    public static Currency currency(String currencyCode) {
        Checks.notNull(currencyCode, "money.currency");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("money.currency", "'" + Checks.quote(currencyCode) + "' is not an ISO 4217 currency code");
        }
        checkCurrency(currency);
        return currency;
    }

    private static void checkCurrency(Currency currency) {
        Checks.notNull(currency, "money.currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidInputException(
                    "money.currency", currency.getCurrencyCode() + " has no minor unit and cannot hold money");
        }
    }

    /** @return the amount in minor units, never negative */
    public long minorUnits() {
        return minorUnits;
    }

    /** @return the currency */
    public Currency currency() {
        return currency;
    }

    /** @return the amount in major units, at the currency's scale */
    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    /** @return whether the amount is zero */
    public boolean isZero() {
        return minorUnits == 0;
    }

    /**
     * Adds an amount of the same currency.
     *
     * @param other the amount to add
     * @return the sum
     * @throws InvalidInputException on a currency mismatch or overflow
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("money.amount", this + " + " + other + " overflows");
        }
    }

    /**
     * Subtracts an amount of the same currency that is not larger than this one.
     *
     * @param other the amount to subtract
     * @return the difference
     * @throws InvalidInputException on a currency mismatch or when the result would be negative
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        if (other.minorUnits > minorUnits) {
            throw new InvalidInputException("money.amount", this + " - " + other + " would be negative");
        }
        return new Money(minorUnits - other.minorUnits, currency);
    }

    /**
     * Multiplies by a non-negative whole number, for example a unit price by a quantity.
     *
     * @param factor the factor, not negative
     * @return the product
     * @throws InvalidInputException if the factor is negative or the product overflows
     */
    public Money times(long factor) {
        Checks.nonNegative(factor, "money.factor");
        try {
            return new Money(Math.multiplyExact(minorUnits, factor), currency);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("money.amount", this + " x " + factor + " overflows");
        }
    }

    /**
     * Returns the smaller of two amounts of the same currency.
     *
     * @param other the other amount
     * @return the smaller amount
     */
    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * Fails unless the other amount is in the same currency.
     *
     * @param other the other amount
     * @throws InvalidInputException on a currency mismatch
     */
    public void requireSameCurrency(Money other) {
        Checks.notNull(other, "money");
        if (!currency.equals(other.currency)) {
            throw new InvalidInputException(
                    "money.currency",
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    /**
     * Compares two amounts of the same currency.
     *
     * @throws InvalidInputException on a currency mismatch
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.minorUnits == minorUnits && m.currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minorUnits, currency);
    }

    /** @return the amount and currency, for example {@code "12.34 EUR"} */
    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency.getCurrencyCode();
    }
}
