package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import java.util.Currency;
import java.util.Set;

/**
 * A fixed amount off the eligible lines, at most their amount. The coupon defines one amount per
 * currency and gives nothing in a currency it has no amount for. Immutable and thread-safe.
 *
 * @param amounts one positive amount per currency, at least one
 */
public record FixedDiscount(CurrencyAmounts amounts) implements Discount {

    /**
     * Validates that at least one amount is given.
     *
     * @param amounts one positive amount per currency, at least one
     */
    public FixedDiscount {
        Checks.notNull(amounts, "discount.amounts");
        if (amounts.isEmpty()) {
            throw new InvalidInputException("discount.amounts", "a fixed discount needs an amount in at least one currency");
        }
    }

    @Override
    public DiscountType type() {
        return DiscountType.FIXED;
    }

    @Override
    public Set<Currency> currencies() {
        return amounts.currencies();
    }
}
