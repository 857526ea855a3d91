package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * At most one positive amount per currency, for coupon settings that are money: a fixed discount, a
 * cap on a percent discount, a minimum order amount. A coupon has no amount in a currency it does not
 * define: it never converts.
 *
 * <p>Immutable and thread-safe.
 */
public final class CurrencyAmounts {

    private static final CurrencyAmounts NONE = new CurrencyAmounts(new Money[0]);

    /** Sorted by currency code; a coupon defines a handful of currencies, so a scan beats a map. */
    private final Money[] amounts;
    private final Set<Currency> currencies;
    private final List<Money> values;

    private CurrencyAmounts(Money[] amounts) {
        this.amounts = amounts;
        Set<Currency> set = new LinkedHashSet<>();
        for (Money m : amounts) {
            set.add(m.currency());
        }
        this.currencies = Collections.unmodifiableSet(set);
        this.values = List.of(amounts);
    }

    /** @return the empty set of amounts */
    public static CurrencyAmounts none() {
        return NONE;
    }

    /**
     * Returns a set of amounts, one per currency.
     *
     * @param field the name of the setting, used in error messages
     * @param amounts positive amounts, no two in the same currency
     * @return the amounts
     * @throws InvalidInputException if an amount is zero or two share a currency
     */
    public static CurrencyAmounts of(String field, Collection<Money> amounts) {
        Checks.notNull(amounts, field);
        Map<Currency, Money> map = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        for (Money amount : amounts) {
            Checks.notNull(amount, field + " element");
            if (amount.isZero()) {
                throw new InvalidInputException(field, "must be positive, was " + amount);
            }
            if (map.put(amount.currency(), amount) != null) {
                throw new InvalidInputException(
                        field, "has two amounts in " + amount.currency().getCurrencyCode() + "; give one per currency");
            }
        }
        return map.isEmpty() ? NONE : new CurrencyAmounts(map.values().toArray(Money[]::new));
    }

    /**
     * Returns a set of amounts, one per currency.
     *
     * @param field the name of the setting, used in error messages
     * @param amounts positive amounts, no two in the same currency
     * @return the amounts
     */
    public static CurrencyAmounts of(String field, Money... amounts) {
        return of(field, java.util.Arrays.asList(Checks.notNull(amounts, field)));
    }

    /**
     * Returns the amount in a currency.
     *
     * @param currency the currency
     * @return the amount, or empty if none is defined in that currency
     */
    public Optional<Money> in(Currency currency) {
        for (Money amount : amounts) {
            if (amount.currency().equals(currency)) {
                return Optional.of(amount);
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether an amount is defined in a currency.
     *
     * @param currency the currency
     * @return true if {@link #in(Currency)} is present
     */
    public boolean contains(Currency currency) {
        for (Money amount : amounts) {
            if (amount.currency().equals(currency)) {
                return true;
            }
        }
        return false;
    }

    /** @return the currencies with an amount, in code order */
    public Set<Currency> currencies() {
        return currencies;
    }

    /** @return the amounts, in currency code order */
    public List<Money> values() {
        return values;
    }

    /** @return whether no amount is defined */
    public boolean isEmpty() {
        return amounts.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurrencyAmounts c && java.util.Arrays.equals(c.amounts, amounts);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(amounts);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
