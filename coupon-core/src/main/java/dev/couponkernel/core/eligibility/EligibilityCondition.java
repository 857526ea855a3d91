package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.coupon.HostCondition;

/**
 * A kind of eligibility condition the host defines and registers ({@code
 * CouponKernel.builder().eligibilityCondition(...)}); a coupon carries conditions of it in {@link
 * dev.couponkernel.spi.coupon.EligibilityRules#conditions()}, stored and sent as JSON like the
 * built-in rules. Unlike an extra {@link EligibilityPolicy}, which judges every coupon, a condition
 * judges only the coupons that carry it, with the settings each carries.
 *
 * <ul>
 *   <li>{@link #validate} when a coupon carrying it is created: refuse bad parameters with an {@link
 *       dev.couponkernel.spi.error.InvalidInputException} naming the parameter;
 *   <li>{@link #evaluate} when a cart is priced, after every built-in rule passed: answer eligible, or
 *       {@link EligibilityOutcome#rejectedByHost} with the condition's own reason code (or a built-in
 *       reason with {@link EligibilityOutcome#rejected}).
 * </ul>
 *
 * A condition that throws fails the pricing naming the condition and the coupon.
 *
 * <p>Implementations must be stateless or thread-safe: one condition judges many requests at once.
 */
public interface EligibilityCondition {

    /** @return the condition's kind name, as {@link HostCondition#kind()} names it; unique in a kernel */
    String name();

    /**
     * Checks a coupon's settings of this condition when the coupon is created; by default every setting is accepted.
     *
     * @param condition the coupon's condition, of this kind
     * @throws dev.couponkernel.spi.error.InvalidInputException naming the bad setting
     */
    default void validate(HostCondition condition) {}

    /**
     * Judges a coupon.
     *
     * @param condition the coupon's condition, of this kind
     * @param candidate the coupon in its context: customer, cart, channel, instant, the lines in its scope
     * @return eligible, or rejected with a reason
     */
    EligibilityOutcome evaluate(HostCondition condition, Candidate candidate);
}
