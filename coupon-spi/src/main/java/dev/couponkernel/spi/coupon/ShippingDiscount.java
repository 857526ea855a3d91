package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/**
 * A discount on the shipping amount: either a percentage of it (100 % is free shipping) or a fixed
 * amount off it per currency, never more than the shipping amount. Exactly one of the two is set.
 * Immutable and thread-safe.
 *
 * @param percent the percentage of shipping taken off, or null when {@code amounts} is set
 * @param amounts the amount taken off per currency, empty when {@code percent} is set
 */
public record ShippingDiscount(Percentage percent, CurrencyAmounts amounts) implements Discount {

    /**
     * Validates that exactly one form is set.
     *
     * @param percent the percentage of shipping taken off, or null when {@code amounts} is set
     * @param amounts the amount taken off per currency, empty when {@code percent} is set
     */
    public ShippingDiscount {
        if (amounts == null) {
            amounts = CurrencyAmounts.none();
        }
        if ((percent == null) == amounts.isEmpty()) {
            throw new InvalidInputException(
                    "discount", "a shipping discount is either a percentage or amounts per currency, exactly one of them");
        }
    }

    /**
     * Returns a percentage off shipping.
     *
     * @param percent the percentage; 100 % is free shipping
     * @return the discount
     */
    public static ShippingDiscount percentOff(Percentage percent) {
        return new ShippingDiscount(percent, CurrencyAmounts.none());
    }

    /**
     * Returns a fixed amount off shipping.
     *
     * @param amounts positive amounts, one per currency
     * @return the discount
     */
    public static ShippingDiscount amountOff(Money... amounts) {
        return new ShippingDiscount(null, CurrencyAmounts.of("discount.amounts", amounts));
    }

    /** @return the percentage, if this is a percentage off shipping */
    public Optional<Percentage> percentage() {
        return Optional.ofNullable(percent);
    }

    /** @return whether shipping becomes free */
    public boolean isFree() {
        return Percentage.HUNDRED.equals(percent);
    }

    @Override
    public DiscountType type() {
        return DiscountType.SHIPPING;
    }

    @Override
    public Set<Currency> currencies() {
        return amounts.currencies();
    }
}
