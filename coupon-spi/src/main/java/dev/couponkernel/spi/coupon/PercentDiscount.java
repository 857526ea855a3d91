package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.Set;

/**
 * A percentage off the eligible lines, optionally capped: the discount never exceeds the cap in the
 * cart's currency. A capped coupon defines its currencies by its caps and gives nothing in a currency
 * it has no cap for. Immutable and thread-safe.
 *
 * @param percent the percentage
 * @param caps the most the discount may be, per currency; empty for no cap
 */
public record PercentDiscount(Percentage percent, CurrencyAmounts caps) implements Discount {

    /**
     * Validates the parts.
     *
     * @param percent the percentage
     * @param caps the most the discount may be, per currency; empty for no cap
     */
    public PercentDiscount {
        Checks.notNull(percent, "discount.percent");
        Checks.notNull(caps, "discount.caps");
    }

    /**
     * Returns this discount with caps, one per currency.
     *
     * @param caps positive amounts, one per currency
     * @return the capped discount
     */
    public PercentDiscount cappedAt(Money... caps) {
        return new PercentDiscount(percent, CurrencyAmounts.of("discount.caps", caps));
    }

    @Override
    public DiscountType type() {
        return DiscountType.PERCENT;
    }

    @Override
    public Set<Currency> currencies() {
        return caps.currencies();
    }
}
