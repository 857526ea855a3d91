package dev.couponkernel.core.pricing;

import dev.couponkernel.core.eligibility.EligibilityPolicies;
import dev.couponkernel.core.eligibility.EligibilityPolicy;

/**
 * Prices a cart with coupons: judges each coupon's eligibility, decides which combine (stacking), and
 * computes and allocates each discount line by line. Pricing never changes state. The algorithm is
 * described, with worked examples, in {@code docs/discount_rules.md}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PricingEngine {

    /**
     * Prices a request.
     *
     * @param request the cart, customer, coupons and instant
     * @return the decision
     */
    PricingDecision price(PricingRequest request);

    /** @return an engine with the {@linkplain EligibilityPolicies#standard() standard} eligibility policy */
    static PricingEngine standard() {
        return StandardPricingEngine.STANDARD;
    }

    /**
     * Returns an engine that asks the host's own policy after the standard ones; a coupon must pass
     * both. The standard policies cannot be switched off, so a host policy can only narrow eligibility.
     *
     * @param hostPolicy the extra policy, stateless or thread-safe
     * @return the engine
     */
    static PricingEngine withExtraPolicy(EligibilityPolicy hostPolicy) {
        return new StandardPricingEngine(EligibilityPolicies.standard().and(hostPolicy));
    }
}
