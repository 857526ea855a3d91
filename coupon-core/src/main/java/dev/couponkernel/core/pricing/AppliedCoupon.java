package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.coupon.DiscountType;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import java.util.List;

/**
 * A coupon the decision applies, with what it takes off. For a product or order coupon the
 * allocations sum exactly to {@code amount} and {@code shippingDiscount} is zero; for a shipping coupon
 * {@code amount} equals {@code shippingDiscount} and there are no allocations. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param discountType its kind of discount
 * @param stackingClass its stacking class
 * @param amount what it takes off in total, positive
 * @param allocations its discount per eligible line, in cart order; lines with nothing allocated are left out
 * @param shippingDiscount what it takes off shipping
 */
public record AppliedCoupon(
        CouponId couponId,
        CouponCode code,
        DiscountType discountType,
        StackingClass stackingClass,
        Money amount,
        List<LineAllocation> allocations,
        Money shippingDiscount) {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code
     * @param discountType its kind of discount
     * @param stackingClass its stacking class
     * @param amount what it takes off in total, positive
     * @param allocations its discount per eligible line, in cart order; lines with nothing allocated are left out
     * @param shippingDiscount what it takes off shipping
     */
    public AppliedCoupon {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(discountType, "discountType");
        Checks.notNull(stackingClass, "stackingClass");
        Checks.notNull(amount, "amount");
        allocations = List.copyOf(Checks.notNull(allocations, "allocations"));
        Checks.notNull(shippingDiscount, "shippingDiscount");
    }
}
