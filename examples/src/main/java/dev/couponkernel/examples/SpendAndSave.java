package dev.couponkernel.examples;

import dev.couponkernel.core.pricing.DiscountKind;
import dev.couponkernel.core.pricing.DiscountSpace;
import dev.couponkernel.spi.coupon.HostDiscount;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.Money;

/**
 * A discount kind of the shop's own, registered with {@code CouponKernel.builder().discountKind(...)}:
 * the coupon's amount off for every full {@code step} (a whole amount in the cart's currency) of its
 * lines' subtotal at list price, spread over the lines by what is left of each. "2.00 off for every
 * 25.00" takes 8.00 off a cart of 100.00. Stateless and thread-safe.
 */
public final class SpendAndSave implements DiscountKind {

    /** The kind's name, as coupons name it. */
    public static final String NAME = "shop.spend-and-save";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(HostDiscount discount) {
        if (discount.amounts().isEmpty()) {
            throw new InvalidInputException("amounts", "needs the amount off per step in at least one currency");
        }
        discount.parameters().integer("step", 1, 1_000_000);
    }

    @Override
    public void apply(HostDiscount discount, DiscountSpace space) {
        Money each = space.amount().orElseThrow(); // the engine refused the coupon in a currency it has no amount for
        long step = Money.of(discount.parameters().text("step"), space.currency().getCurrencyCode()).minorUnits();
        long steps = space.candidate().eligibleSubtotal().minorUnits() / step;
        space.spread(Money.ofMinor(Math.multiplyExact(steps, each.minorUnits()), space.currency()));
    }
}
