package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Segment;
import java.util.Set;

/**
 * Who and what a coupon is for, beyond its validity period and usage limits. Immutable and thread-safe.
 *
 * @param scope which cart lines the coupon discounts
 * @param minOrderAmount the least the eligible lines must add up to, at list price, per currency; empty for none
 * @param minQuantity the least number of items over the eligible lines; 0 for none
 * @param firstOrderOnly whether only a customer with no completed order may use it
 * @param segments the customer segments it is for, any of them; empty for every customer
 * @param channels the sales channels it is for; empty for every channel
 * @param conditions conditions of kinds the host registers, all of which must hold, judged after the
 *     built-in rules in this order; at most {@value #MAX_CONDITIONS}
 */
public record EligibilityRules(
        ProductScope scope,
        CurrencyAmounts minOrderAmount,
        int minQuantity,
        boolean firstOrderOnly,
        Set<Segment> segments,
        Set<Channel> channels,
        java.util.List<HostCondition> conditions) {

    /** The most host conditions one coupon may carry. */
    public static final int MAX_CONDITIONS = 8;

    private static final EligibilityRules ANYONE =
            new EligibilityRules(ProductScope.all(), CurrencyAmounts.none(), 0, false, Set.of(), Set.of(), java.util.List.of());

    /**
     * Validates the parts.
     *
     * @param scope which cart lines the coupon discounts
     * @param minOrderAmount the least the eligible lines must add up to, at list price, per currency; empty for none
     * @param minQuantity the least number of items over the eligible lines; 0 for none
     * @param firstOrderOnly whether only a customer with no completed order may use it
     * @param segments the customer segments it is for, any of them; empty for every customer
     * @param channels the sales channels it is for; empty for every channel
     * @param conditions conditions of kinds the host registers, at most {@value #MAX_CONDITIONS}
     */
    public EligibilityRules {
        Checks.notNull(scope, "eligibility.scope");
        Checks.notNull(minOrderAmount, "eligibility.minOrderAmount");
        if (minQuantity < 0) {
            throw new InvalidInputException("eligibility.minQuantity", "must not be negative, was " + minQuantity);
        }
        segments = Checks.copyOf(segments, "eligibility.segments");
        channels = Checks.copyOf(channels, "eligibility.channels");
        Checks.notNull(conditions, "eligibility.conditions");
        if (conditions.size() > MAX_CONDITIONS) {
            throw new InvalidInputException("eligibility.conditions",
                    "holds " + conditions.size() + " conditions, at most " + MAX_CONDITIONS + " are allowed");
        }
        for (HostCondition condition : conditions) {
            Checks.notNull(condition, "eligibility.conditions element");
        }
        conditions = java.util.List.copyOf(conditions);
    }

    /**
     * Rules without host conditions.
     *
     * @param scope which cart lines the coupon discounts
     * @param minOrderAmount the least the eligible lines must add up to, at list price, per currency; empty for none
     * @param minQuantity the least number of items over the eligible lines; 0 for none
     * @param firstOrderOnly whether only a customer with no completed order may use it
     * @param segments the customer segments it is for, any of them; empty for every customer
     * @param channels the sales channels it is for; empty for every channel
     */
    public EligibilityRules(ProductScope scope, CurrencyAmounts minOrderAmount, int minQuantity, boolean firstOrderOnly,
            Set<Segment> segments, Set<Channel> channels) {
        this(scope, minOrderAmount, minQuantity, firstOrderOnly, segments, channels, java.util.List.of());
    }

    /**
     * @param conditions host conditions, all of which must hold
     * @return these rules with these conditions (replacing any before)
     */
    public EligibilityRules withConditions(HostCondition... conditions) {
        return new EligibilityRules(scope, minOrderAmount, minQuantity, firstOrderOnly, segments, channels,
                Checks.elements("eligibility.conditions", conditions));
    }

    /** @return rules that admit every line, customer and channel */
    public static EligibilityRules anyone() {
        return ANYONE;
    }

    /**
     * @param scope the scope
     * @return these rules with another scope
     */
    public EligibilityRules withScope(ProductScope scope) {
        return new EligibilityRules(scope, minOrderAmount, minQuantity, firstOrderOnly, segments, channels, conditions);
    }

    /**
     * @param amounts minimum order amounts, one per currency
     * @return these rules with a minimum order amount
     */
    public EligibilityRules withMinOrderAmount(dev.couponkernel.spi.value.Money... amounts) {
        return new EligibilityRules(
                scope, CurrencyAmounts.of("eligibility.minOrderAmount", amounts), minQuantity, firstOrderOnly, segments, channels, conditions);
    }

    /**
     * @param minQuantity the least number of items over the eligible lines
     * @return these rules with a minimum quantity
     */
    public EligibilityRules withMinQuantity(int minQuantity) {
        return new EligibilityRules(scope, minOrderAmount, minQuantity, firstOrderOnly, segments, channels, conditions);
    }

    /** @return these rules limited to customers with no completed order */
    public EligibilityRules forFirstOrderOnly() {
        return new EligibilityRules(scope, minOrderAmount, minQuantity, true, segments, channels, conditions);
    }

    /**
     * @param segments the segments, any of which admits a customer
     * @return these rules limited to segments
     */
    public EligibilityRules forSegments(Segment... segments) {
        return new EligibilityRules(scope, minOrderAmount, minQuantity, firstOrderOnly, Checks.distinct("eligibility.segments", segments), channels, conditions);
    }

    /**
     * @param channels the channels
     * @return these rules limited to channels
     */
    public EligibilityRules forChannels(Channel... channels) {
        return new EligibilityRules(scope, minOrderAmount, minQuantity, firstOrderOnly, segments, Checks.distinct("eligibility.channels", channels), conditions);
    }
}
