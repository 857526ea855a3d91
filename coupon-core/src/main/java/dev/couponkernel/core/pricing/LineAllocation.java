package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;

/**
 * The part of one coupon's discount that falls on one cart line. Immutable and thread-safe.
 *
 * @param lineId the line
 * @param amount the discount on it, never more than what was left of the line
 */
public record LineAllocation(LineId lineId, Money amount) {

    /**
     * Validates the parts.
     *
     * @param lineId the line
     * @param amount the discount on it, never more than what was left of the line
     */
    public LineAllocation {
        Checks.notNull(lineId, "lineId");
        Checks.notNull(amount, "amount");
    }
}
