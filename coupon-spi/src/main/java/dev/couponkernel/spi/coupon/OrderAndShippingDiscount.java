package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/**
 * One discount over the eligible lines and shipping together: a percentage of both, or an amount
 * spread over both by what is left of each, so the customer's "20.00 off your order" covers the
 * shipping too when the items alone are worth less (Saleor's order discount split over subtotal and
 * shipping). Its stacking class is an item class (ORDER by default), not SHIPPING: a shipping coupon
 * after it works on the shipping it left. See {@code docs/discount_rules.md}. Immutable and
 * thread-safe.
 *
 * @param percent the percentage of the eligible lines and shipping, or empty when the discount is an amount
 * @param amounts the amount per currency, or empty when the discount is a percentage
 */
public record OrderAndShippingDiscount(Optional<Percentage> percent, CurrencyAmounts amounts) implements Discount {

    /**
     * Validates the parts.
     *
     * @param percent the percentage of the eligible lines and shipping, or empty when the discount is an amount
     * @param amounts the amount per currency, or empty when the discount is a percentage
     */
    public OrderAndShippingDiscount {
        Checks.notNull(percent, "discount.percent");
        Checks.notNull(amounts, "discount.amounts");
        if (percent.isPresent() == !amounts.isEmpty()) {
            throw new InvalidInputException("discount", "an order-and-shipping discount is either a percent or amounts, not "
                    + (percent.isPresent() ? "both" : "neither"));
        }
    }

    /**
     * @param percent the percentage of the eligible lines and shipping
     * @return the discount
     */
    public static OrderAndShippingDiscount percentOff(int percent) {
        return new OrderAndShippingDiscount(Optional.of(Percentage.of(percent)), CurrencyAmounts.none());
    }

    /**
     * @param amounts the amount off the eligible lines and shipping together, one per currency
     * @return the discount
     */
    public static OrderAndShippingDiscount amountOff(Money... amounts) {
        return new OrderAndShippingDiscount(Optional.empty(), CurrencyAmounts.of("discount.amounts", amounts));
    }

    @Override
    public DiscountType type() {
        return DiscountType.ORDER_AND_SHIPPING;
    }

    @Override
    public Set<Currency> currencies() {
        return amounts.currencies();
    }
}
