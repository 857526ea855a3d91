package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.internal.Checks;

/**
 * An eligibility condition of a kind the host registers with the kernel ({@code
 * CouponKernel.builder().eligibilityCondition(...)}), carried by a coupon's {@link
 * EligibilityRules#conditions()}: the kind's name and its parameters (for example {@code
 * loyalty-tier} with {@code {"atLeast": "gold"}}). The registered condition validates it when a
 * coupon is created and judges it after the built-in rules, rejecting with a reason code of its
 * own. Immutable and thread-safe.
 *
 * @param kind the condition's kind name, as for {@link HostDiscount#kind()}
 * @param parameters its settings
 */
public record HostCondition(String kind, HostParameters parameters) {

    /**
     * Validates the parts.
     *
     * @param kind the condition's kind name
     * @param parameters its settings
     */
    public HostCondition {
        kind = HostDiscount.kindName(kind, "eligibility.conditions.kind");
        Checks.notNull(parameters, "eligibility.conditions.parameters");
    }

    /**
     * @param kind the condition's kind name
     * @param nameValuePairs its parameters, names and values alternating
     * @return the condition
     */
    public static HostCondition of(String kind, String... nameValuePairs) {
        return new HostCondition(kind, HostParameters.of(nameValuePairs));
    }
}
