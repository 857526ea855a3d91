package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import java.util.Currency;
import java.util.Set;

/**
 * A fixed price: the coupon's eligible lines for one price ({@code units} 0, "the order for 50.00"),
 * or every set of {@code units} eligible units for the price ({@code units} N, "3 for 10.00"; the
 * units grouped cheapest first by list price, ties by line id, leftover units at their price). The
 * discount is what the items cost above the price, never below zero, spread over the items it covers
 * by their amounts. A cart whose eligible items cost no more than the price is refused with {@code
 * MIN_ORDER_AMOUNT_NOT_MET}; one with fewer than N eligible units with {@code MIN_QUANTITY_NOT_MET}.
 * Vendure's fixed-price promotions are both forms. See {@code docs/discount_rules.md}. Immutable and
 * thread-safe.
 *
 * @param units 0 for all eligible items, else the size of one set, 1 to 1,000
 * @param prices the price per currency
 */
public record FixedPriceDiscount(int units, CurrencyAmounts prices) implements Discount {

    /**
     * Validates the parts.
     *
     * @param units 0 for all eligible items, else the size of one set, 1 to 1,000
     * @param prices the price per currency
     */
    public FixedPriceDiscount {
        Checks.notNull(prices, "discount.prices");
        if (units < 0 || units > 1_000) {
            throw new InvalidInputException("discount.units", "must be 0 (the whole order) to 1000, was " + units);
        }
        if (prices.isEmpty()) {
            throw new InvalidInputException("discount.prices", "a fixed price needs a price in at least one currency");
        }
    }

    /**
     * @param prices the price of all eligible items together, one per currency
     * @return the discount
     */
    public static FixedPriceDiscount orderFor(Money... prices) {
        return new FixedPriceDiscount(0, CurrencyAmounts.of("discount.prices", prices));
    }

    /**
     * @param units the size of one set
     * @param prices the price of each set, one per currency
     * @return the discount
     */
    public static FixedPriceDiscount setOf(int units, Money... prices) {
        if (units < 1) {
            throw new InvalidInputException("discount.units", "a set has at least 1 unit, was " + units);
        }
        return new FixedPriceDiscount(units, CurrencyAmounts.of("discount.prices", prices));
    }

    @Override
    public DiscountType type() {
        return DiscountType.FIXED_PRICE;
    }

    @Override
    public Set<Currency> currencies() {
        return prices.currencies();
    }
}
