package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.Collection;
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

    private static final CurrencyAmounts NONE = new CurrencyAmounts(Map.of());

    private final Map<Currency, Money> amounts;

    private CurrencyAmounts(Map<Currency, Money> amounts) {
        this.amounts = amounts;
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
        return map.isEmpty() ? NONE : new CurrencyAmounts(java.util.Collections.unmodifiableMap(map));
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
        return Optional.ofNullable(amounts.get(currency));
    }

    /** @return the currencies with an amount, in code order */
    public Set<Currency> currencies() {
        return amounts.keySet();
    }

    /** @return the amounts, in currency code order */
    public Collection<Money> values() {
        return amounts.values();
    }

    /** @return whether no amount is defined */
    public boolean isEmpty() {
        return amounts.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurrencyAmounts c && c.amounts.equals(amounts);
    }

    @Override
    public int hashCode() {
        return amounts.hashCode();
    }

    @Override
    public String toString() {
        return amounts.values().toString();
    }
}
