package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.Set;

/**
 * What a coupon takes off: a {@link PercentDiscount}, a {@link FixedDiscount}, a {@link
 * ShippingDiscount}, a {@link TieredDiscount}, a {@link PerUnitDiscount}, a {@link
 * BuyXGetYDiscount}, a {@link FixedPriceDiscount}, an {@link OrderAndShippingDiscount}, or a {@link
 * HostDiscount} of a kind the host registers. Implementations are immutable records and thread-safe.
 */
public sealed interface Discount permits PercentDiscount, FixedDiscount, ShippingDiscount, TieredDiscount, PerUnitDiscount, BuyXGetYDiscount,
        FixedPriceDiscount, OrderAndShippingDiscount, HostDiscount {

    /** @return the kind of discount */
    DiscountType type();

    /**
     * Returns the currencies this discount defines amounts in. Empty means the discount has no money
     * setting and works in every currency (an uncapped percentage, a free-shipping coupon).
     *
     * @return the currencies, in code order
     */
    Set<Currency> currencies();

    /**
     * Returns an uncapped percentage off the eligible lines.
     *
     * @param percent the percentage
     * @return the discount
     */
    static PercentDiscount percent(Percentage percent) {
        return new PercentDiscount(percent, dev.couponkernel.spi.value.CurrencyAmounts.none());
    }

    /**
     * Returns a fixed amount off the eligible lines, one amount per currency the coupon is sold in.
     *
     * @param amounts positive amounts, one per currency
     * @return the discount
     */
    static FixedDiscount fixed(Money... amounts) {
        return new FixedDiscount(dev.couponkernel.spi.value.CurrencyAmounts.of("discount.amounts", amounts));
    }

    /** @return free shipping: 100 % off the shipping amount */
    static ShippingDiscount freeShipping() {
        return new ShippingDiscount(Percentage.HUNDRED, dev.couponkernel.spi.value.CurrencyAmounts.none());
    }
}
