package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

/**
 * What the kernel decides for a cart and a set of requested coupons: which apply and what each takes
 * off, line by line and on shipping; which are rejected and why; totals before and after. A decision
 * changes no state: it is a quote until the host locks a usage.
 *
 * <p>Invariants: every line's discount is at most its amount; the shipping discount is at most the
 * shipping amount; each applied coupon's allocations sum exactly to its amount; {@code totalDiscount =
 * merchandiseDiscount + shippingDiscount}; {@code totalAfter = totalBefore - totalDiscount}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param currency the cart's currency
 * @param lines every cart line before and after, in cart order
 * @param applied the applied coupons, in the order they were applied
 * @param rejected the rejected coupons, in code order
 * @param subtotal the merchandise total before discounts
 * @param shipping the shipping amount before discounts
 * @param merchandiseDiscount the discount on the lines
 * @param shippingDiscount the discount on shipping
 */
public record PricingDecision(
        Currency currency,
        List<LinePrice> lines,
        List<AppliedCoupon> applied,
        List<RejectedCoupon> rejected,
        Money subtotal,
        Money shipping,
        Money merchandiseDiscount,
        Money shippingDiscount) {

    /** Validates the parts. */
    public PricingDecision {
        Checks.notNull(currency, "currency");
        lines = List.copyOf(Checks.notNull(lines, "lines"));
        applied = List.copyOf(Checks.notNull(applied, "applied"));
        rejected = List.copyOf(Checks.notNull(rejected, "rejected"));
        Checks.notNull(subtotal, "subtotal");
        Checks.notNull(shipping, "shipping");
        Checks.notNull(merchandiseDiscount, "merchandiseDiscount");
        Checks.notNull(shippingDiscount, "shippingDiscount");
        subtotal.minus(merchandiseDiscount);
        shipping.minus(shippingDiscount);
    }

    /** @return {@code subtotal + shipping} */
    public Money totalBefore() {
        return subtotal.plus(shipping);
    }

    /** @return {@code merchandiseDiscount + shippingDiscount} */
    public Money totalDiscount() {
        return merchandiseDiscount.plus(shippingDiscount);
    }

    /** @return {@code totalBefore - totalDiscount}: what the customer pays */
    public Money totalAfter() {
        return totalBefore().minus(totalDiscount());
    }

    /** @return the codes of the applied coupons, in the order they were applied */
    public List<CouponCode> appliedCodes() {
        List<CouponCode> codes = new ArrayList<>(applied.size());
        for (AppliedCoupon a : applied) {
            codes.add(a.code());
        }
        return Collections.unmodifiableList(codes);
    }
}
