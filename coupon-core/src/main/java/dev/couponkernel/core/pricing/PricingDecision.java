package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kernel decides for a cart and a set of requested coupons: which apply and what each takes
 * off, line by line and on shipping; which are rejected and why; totals before and after. A decision
 * changes no state: it is a quote until the host locks a usage.
 *
 * <p>Checked on construction: each applied coupon's allocations and shipping discount sum exactly to
 * its amount; the allocations of all coupons sum to {@code merchandiseDiscount} and their shipping
 * discounts to {@code shippingDiscount}; neither discount exceeds what it applies to. {@link #lines()}
 * is derived from the cart and the allocations, so it cannot disagree with them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cart the cart that was priced
 * @param applied the applied coupons, in the order they were applied
 * @param rejected the rejected coupons, in code order
 * @param merchandiseDiscount the discount on the lines
 * @param shippingDiscount the discount on shipping
 */
public record PricingDecision(
        Cart cart,
        List<AppliedCoupon> applied,
        List<RejectedCoupon> rejected,
        Money merchandiseDiscount,
        Money shippingDiscount) {

    /**
     * Validates the parts and that they add up.
     *
     * @param cart the cart that was priced
     * @param applied the applied coupons, in the order they were applied
     * @param rejected the rejected coupons, in code order
     * @param merchandiseDiscount the discount on the lines
     * @param shippingDiscount the discount on shipping
     */
    public PricingDecision {
        Checks.notNull(cart, "cart");
        applied = List.copyOf(Checks.notNull(applied, "applied"));
        rejected = List.copyOf(Checks.notNull(rejected, "rejected"));
        Checks.notNull(merchandiseDiscount, "merchandiseDiscount");
        Checks.notNull(shippingDiscount, "shippingDiscount");
        long lineSum = 0;
        long shippingSum = 0;
        for (AppliedCoupon a : applied) {
            long allocated = 0;
            for (LineAllocation allocation : a.allocations()) {
                allocated += allocation.amount().minorUnits();
            }
            if (allocated + a.shippingDiscount().minorUnits() != a.amount().minorUnits()) {
                throw new InvalidInputException("applied", a.code() + ": allocations do not sum to " + a.amount());
            }
            lineSum += allocated;
            shippingSum += a.shippingDiscount().minorUnits();
        }
        if (lineSum != merchandiseDiscount.minorUnits() || shippingSum != shippingDiscount.minorUnits()) {
            throw new InvalidInputException("applied", "the applied coupons do not sum to the decision's discounts");
        }
        subtotalOf(cart).minus(merchandiseDiscount);
        cart.shipping().minus(shippingDiscount);
    }

    private static Money subtotalOf(Cart cart) {
        long sum = 0;
        for (CartLine line : cart.lines()) {
            sum += line.unitPrice().minorUnits() * line.quantity();
        }
        return Money.ofMinor(sum, cart.currency());
    }

    /** @return the cart's currency */
    public Currency currency() {
        return cart.currency();
    }

    /** @return the merchandise total before discounts */
    public Money subtotal() {
        return subtotalOf(cart);
    }

    /** @return the shipping amount before discounts */
    public Money shipping() {
        return cart.shipping();
    }

    /** @return {@code subtotal + shipping} */
    public Money totalBefore() {
        return subtotal().plus(cart.shipping());
    }

    /** @return {@code merchandiseDiscount + shippingDiscount} */
    public Money totalDiscount() {
        return merchandiseDiscount.plus(shippingDiscount);
    }

    /** @return {@code totalBefore - totalDiscount}: what the customer pays */
    public Money totalAfter() {
        return totalBefore().minus(totalDiscount());
    }

    /**
     * Returns every cart line before and after the applied coupons, in cart order, derived from the
     * cart and the allocations on each call.
     *
     * @return the lines
     */
    public List<LinePrice> lines() {
        Map<LineId, Long> discounts = new HashMap<>();
        for (AppliedCoupon a : applied) {
            for (LineAllocation allocation : a.allocations()) {
                discounts.merge(allocation.lineId(), allocation.amount().minorUnits(), Long::sum);
            }
        }
        Currency currency = cart.currency();
        List<LinePrice> lines = new ArrayList<>(cart.lines().size());
        for (CartLine line : cart.lines()) {
            Money before = line.amount();
            Money discount = Money.ofMinor(discounts.getOrDefault(line.id(), 0L), currency);
            lines.add(new LinePrice(line.id(), before, discount, before.minus(discount)));
        }
        return Collections.unmodifiableList(lines);
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
