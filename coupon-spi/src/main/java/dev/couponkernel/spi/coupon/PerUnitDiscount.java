package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A discount on each eligible unit: a percentage of the unit's price, or an amount off each unit
 * (never more than the unit), optionally on at most {@code maxUnits} units, taken cheapest first by
 * default. Each line's share goes to that line, not spread over the cart. "10.00 off every T-shirt"
 * (Sylius' unit fixed discount) is an amount per unit without maximum; Medusa's allocation {@code
 * each} with {@code max_quantity} is a maximum; Saleor's "once per order" is one unit, cheapest
 * first ({@link #oncePerOrder()}). See {@code docs/discount_rules.md}. Immutable and thread-safe.
 *
 * @param percent the percentage off each unit, or empty when the discount is an amount per unit
 * @param amounts the amount off each unit per currency, or empty when the discount is a percentage
 * @param maxUnits the most units discounted in one checkout, or empty for every eligible unit
 * @param order which units come first when there is a maximum
 */
public record PerUnitDiscount(Optional<Percentage> percent, CurrencyAmounts amounts, OptionalInt maxUnits, UnitOrder order)
        implements Discount {

    /** The largest maximum number of units. */
    public static final int MAX_UNITS = 1_000_000;

    /** Which units a discount with a maximum takes first. */
    public enum UnitOrder {
        /** The cheapest units by list price first (ties by line id): the shop's safe default. */
        CHEAPEST_FIRST,
        /** The most expensive units by list price first (ties by line id). */
        MOST_EXPENSIVE_FIRST
    }

    /**
     * Validates the parts.
     *
     * @param percent the percentage off each unit, or empty when the discount is an amount per unit
     * @param amounts the amount off each unit per currency, or empty when the discount is a percentage
     * @param maxUnits the most units discounted in one checkout, or empty for every eligible unit
     * @param order which units come first when there is a maximum
     */
    public PerUnitDiscount {
        Checks.notNull(percent, "discount.percent");
        Checks.notNull(amounts, "discount.amounts");
        Checks.notNull(maxUnits, "discount.maxUnits");
        Checks.notNull(order, "discount.unitOrder");
        if (percent.isPresent() == !amounts.isEmpty()) {
            throw new InvalidInputException("discount", "a per-unit discount gives either a percent or amounts, not "
                    + (percent.isPresent() ? "both" : "neither"));
        }
        if (maxUnits.isPresent() && (maxUnits.getAsInt() < 1 || maxUnits.getAsInt() > MAX_UNITS)) {
            throw new InvalidInputException("discount.maxUnits", "must be 1 to " + MAX_UNITS + ", was " + maxUnits.getAsInt());
        }
    }

    /**
     * @param percent the percentage off each eligible unit
     * @return the discount, on every eligible unit
     */
    public static PerUnitDiscount percentPerUnit(int percent) {
        return new PerUnitDiscount(Optional.of(Percentage.of(percent)), CurrencyAmounts.none(), OptionalInt.empty(),
                UnitOrder.CHEAPEST_FIRST);
    }

    /**
     * @param amounts the amount off each eligible unit, one per currency
     * @return the discount, on every eligible unit
     */
    public static PerUnitDiscount amountPerUnit(Money... amounts) {
        return new PerUnitDiscount(Optional.empty(), CurrencyAmounts.of("discount.amounts", amounts), OptionalInt.empty(),
                UnitOrder.CHEAPEST_FIRST);
    }

    /** @return 100 % off the cheapest eligible unit, once per checkout */
    public static PerUnitDiscount oncePerOrder() {
        return percentPerUnit(100).upTo(1);
    }

    /**
     * @param units the most units discounted in one checkout, 1 to {@value #MAX_UNITS}
     * @return this discount with that maximum
     */
    public PerUnitDiscount upTo(int units) {
        return new PerUnitDiscount(percent, amounts, OptionalInt.of(units), order);
    }

    /**
     * @param first which units come first under a maximum
     * @return this discount taking units in that order
     */
    public PerUnitDiscount first(UnitOrder first) {
        return new PerUnitDiscount(percent, amounts, maxUnits, first);
    }

    @Override
    public DiscountType type() {
        return DiscountType.PER_UNIT;
    }

    @Override
    public Set<Currency> currencies() {
        return amounts.currencies();
    }
}
