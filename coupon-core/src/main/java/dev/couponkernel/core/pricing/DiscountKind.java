package dev.couponkernel.core.pricing;

import dev.couponkernel.spi.coupon.HostDiscount;

/**
 * A kind of discount the host defines and registers ({@code CouponKernel.builder().discountKind(...)}
 * or {@link PricingEngine.Builder#discountKind}); coupons use it through a {@link HostDiscount} naming
 * it, stored and sent as JSON like any built-in kind. The kind is asked twice:
 *
 * <ul>
 *   <li>{@link #validate} when a coupon of the kind is created: refuse bad parameters with an {@link
 *       dev.couponkernel.spi.error.InvalidInputException} naming the parameter (the {@link
 *       dev.couponkernel.spi.coupon.HostParameters} readers do), and the coupon is not written;
 *   <li>{@link #apply} when a cart is priced, after the coupon passed every eligibility rule: say what
 *       to take off which of the coupon's lines and off shipping, on a {@link DiscountSpace}.
 * </ul>
 *
 * <p>The engine enforces the invariants whatever the kind does: it takes at most what is left of each
 * line and of shipping (more is clamped, never a negative line), the coupon's amount is exactly what
 * its allocations sum to, amounts are in the cart's currency, a kind that takes nothing is rejected
 * {@code NOTHING_TO_DISCOUNT} like a built-in one, and a kind that throws fails the pricing naming the
 * kind and the coupon instead of pricing something else.
 *
 * <p>Implementations must be stateless or thread-safe: one kind prices many carts at once.
 */
public interface DiscountKind {

    /** @return the kind's name, as {@link HostDiscount#kind()} names it; unique in a kernel */
    String name();

    /**
     * Checks a coupon's settings of this kind when the coupon is created; by default every setting is accepted.
     *
     * @param discount the coupon's discount, of this kind
     * @throws dev.couponkernel.spi.error.InvalidInputException naming the bad setting
     */
    default void validate(HostDiscount discount) {}

    /**
     * Takes the discount off the coupon's lines and shipping.
     *
     * @param discount the coupon's discount, of this kind
     * @param space the coupon's lines with what is left of them, shipping, and where to say what is taken
     */
    void apply(HostDiscount discount, DiscountSpace space);
}
