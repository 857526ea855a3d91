package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;

/**
 * One cart line before and after the applied coupons. Immutable and thread-safe.
 *
 * @param lineId the line
 * @param before unit price times quantity
 * @param discount the sum of every coupon's allocation to this line, at most {@code before}
 * @param after {@code before - discount}
 */
public record LinePrice(LineId lineId, Money before, Money discount, Money after) {

    /**
     * Validates the parts and that they add up.
     *
     * @param lineId the line
     * @param before unit price times quantity
     * @param discount the sum of every coupon's allocation to this line, at most {@code before}
     * @param after {@code before - discount}
     */
    public LinePrice {
        Checks.notNull(lineId, "lineId");
        Checks.notNull(before, "before");
        Checks.notNull(discount, "discount");
        Checks.notNull(after, "after");
        before.requireSameCurrency(discount);
        before.requireSameCurrency(after);
        if (before.minorUnits() - discount.minorUnits() != after.minorUnits() || after.minorUnits() > before.minorUnits()) {
            throw new dev.couponkernel.spi.error.InvalidInputException(
                    "line.after", "line " + lineId + ": " + before + " - " + discount + " is not " + after);
        }
    }
}
