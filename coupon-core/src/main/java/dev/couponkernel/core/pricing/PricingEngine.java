package dev.couponkernel.core.pricing;

import dev.couponkernel.core.eligibility.EligibilityCondition;
import dev.couponkernel.core.eligibility.EligibilityPolicies;
import dev.couponkernel.core.eligibility.EligibilityPolicy;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.DiscountType;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * @throws dev.couponkernel.spi.error.UnknownKindException if a requested coupon uses a host kind or
     *     condition this engine does not register
     */
    PricingDecision price(PricingRequest request);

    /**
     * Checks that this engine can price a coupon: every host-defined discount kind and eligibility
     * condition it uses is registered and accepts its settings. The kernel calls it before a coupon
     * is written. By default an engine registers no host kind and refuses every one.
     *
     * @param definition the coupon's definition
     * @throws InvalidInputException naming the field of an unknown kind or a refused setting
     */
    default void check(CouponDefinition definition) {
        Checks.notNull(definition, "definition");
        if (definition.discount().type() == DiscountType.HOST) {
            throw new InvalidInputException("discount.kind", "this engine registers no host discount kind");
        }
        if (!definition.eligibility().conditions().isEmpty()) {
            throw new InvalidInputException("eligibility.conditions", "this engine registers no host eligibility condition");
        }
    }

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
        return builder().extraPolicy(hostPolicy).build();
    }

    /** @return a builder of an engine with the host's kinds, conditions and policies */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link PricingEngine} with the host's discount kinds, eligibility conditions and extra
     * policies beside the built-in ones. Not thread-safe.
     */
    final class Builder {
        private final Map<String, DiscountKind> kinds = new LinkedHashMap<>();
        private final Map<String, EligibilityCondition> conditions = new LinkedHashMap<>();
        private final List<EligibilityPolicy> policies = new ArrayList<>();

        Builder() {}

        /**
         * Registers a host discount kind.
         *
         * @param kind the kind, stateless or thread-safe
         * @return this builder
         * @throws InvalidInputException if its name is not a kind name or another kind has it
         */
        public Builder discountKind(DiscountKind kind) {
            Checks.notNull(kind, "discountKind");
            String name = dev.couponkernel.spi.coupon.HostDiscount.kindName(kind.name(), "discountKind.name");
            if (kinds.putIfAbsent(name, kind) != null) {
                throw new InvalidInputException("discountKind", "a discount kind named " + name + " is already registered");
            }
            return this;
        }

        /**
         * Registers a host eligibility condition.
         *
         * @param condition the condition, stateless or thread-safe
         * @return this builder
         * @throws InvalidInputException if its name is not a kind name or another condition has it
         */
        public Builder eligibilityCondition(EligibilityCondition condition) {
            Checks.notNull(condition, "eligibilityCondition");
            String name = dev.couponkernel.spi.coupon.HostDiscount.kindName(condition.name(), "eligibilityCondition.name");
            if (conditions.putIfAbsent(name, condition) != null) {
                throw new InvalidInputException("eligibilityCondition", "an eligibility condition named " + name + " is already registered");
            }
            return this;
        }

        /**
         * Adds a host policy, asked after the standard ones, the coupons' host conditions and the
         * policies added before; policies add up (a coupon must pass every one), none replaces another.
         *
         * @param hostPolicy the policy, stateless or thread-safe
         * @return this builder
         */
        public Builder extraPolicy(EligibilityPolicy hostPolicy) {
            policies.add(Checks.notNull(hostPolicy, "hostPolicy"));
            return this;
        }

        /** @return the engine */
        public PricingEngine build() {
            if (kinds.isEmpty() && conditions.isEmpty() && policies.isEmpty()) {
                return standard();
            }
            return new StandardPricingEngine(policies, kinds, conditions);
        }
    }
}
