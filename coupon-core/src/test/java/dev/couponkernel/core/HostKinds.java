package dev.couponkernel.core;

import dev.couponkernel.core.eligibility.Candidate;
import dev.couponkernel.core.eligibility.EligibilityCondition;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.pricing.DiscountKind;
import dev.couponkernel.core.pricing.DiscountSpace;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.spi.coupon.HostCondition;
import dev.couponkernel.spi.coupon.HostDiscount;
import dev.couponkernel.spi.coupon.HostParameters;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Segment;
import java.math.BigDecimal;
import java.time.Duration;

/** Host-defined kinds and conditions as a shop would write them, and a deliberately greedy one. */
public final class HostKinds {

    /** Asks far more than every line and shipping hold: the engine must clamp it to what is left. */
    public static final DiscountKind GREEDY = new DiscountKind() {
        @Override
        public String name() {
            return "test.greedy";
        }

        @Override
        public void apply(HostDiscount discount, DiscountSpace space) {
            for (DiscountSpace.Line line : space.lines()) {
                space.take(line.id(), Money.ofMinor(Long.MAX_VALUE / 2, space.currency()));
                space.take(line.id(), Money.ofMinor(Long.MAX_VALUE / 2 + 7, space.currency()));
            }
            space.spread(Money.ofMinor(Long.MAX_VALUE, space.currency()));
            space.takeFromShipping(Money.ofMinor(Long.MAX_VALUE, space.currency()));
        }
    };

    /**
     * A loyalty bonus: {@code percentPerYear} percent off each line for every full year the customer
     * has had an account, at most {@code maxPercent}.
     */
    public static final DiscountKind LOYALTY = new DiscountKind() {
        @Override
        public String name() {
            return "acme.loyalty-bonus";
        }

        @Override
        public void validate(HostDiscount discount) {
            HostParameters p = discount.parameters();
            BigDecimal perYear = p.percentage("percentPerYear").percent();
            BigDecimal max = p.percentage("maxPercent").percent();
            if (perYear.compareTo(max) > 0) {
                throw new InvalidInputException("parameters.maxPercent", "must be at least percentPerYear (" + perYear + "), was " + max);
            }
        }

        @Override
        public void apply(HostDiscount discount, DiscountSpace space) {
            Candidate c = space.candidate();
            long years = Duration.between(c.context().customer().accountCreatedAt(), c.context().at()).toDays() / 365;
            BigDecimal percent = discount.parameters().percentage("percentPerYear").percent().multiply(BigDecimal.valueOf(years))
                    .min(discount.parameters().percentage("maxPercent").percent());
            for (DiscountSpace.Line line : space.lines()) {
                long off = BigDecimal.valueOf(line.left().minorUnits()).multiply(percent)
                        .divide(BigDecimal.valueOf(100), 0, java.math.RoundingMode.DOWN).longValueExact();
                space.take(line.id(), Money.ofMinor(off, space.currency()));
            }
        }
    };

    /** Spend and save: the coupon's amount off for every {@code step} (in the cart's currency) of its lines' subtotal. */
    public static final DiscountKind SPEND_AND_SAVE = new DiscountKind() {
        @Override
        public String name() {
            return "acme.spend-and-save";
        }

        @Override
        public void validate(HostDiscount discount) {
            if (discount.amounts().isEmpty()) {
                throw new InvalidInputException("amounts", "spend and save needs an amount off per step in at least one currency");
            }
            String step = discount.parameters().text("step");
            if (!step.matches("[1-9][0-9]{0,6}")) {
                throw new InvalidInputException("parameters.step", "must be a whole amount such as 50, was " + step);
            }
        }

        @Override
        public void apply(HostDiscount discount, DiscountSpace space) {
            Money each = space.amount().orElseThrow();
            long step = Money.of(discount.parameters().text("step"), space.currency().getCurrencyCode()).minorUnits();
            long steps = space.candidate().eligibleSubtotal().minorUnits() / step;
            space.spread(Money.ofMinor(Math.multiplyExact(steps, each.minorUnits()), space.currency()));
        }
    };

    /** A loyalty tier: the customer's segments {@code silver} or {@code gold} must reach {@code atLeast}. */
    public static final EligibilityCondition LOYALTY_TIER = new EligibilityCondition() {
        @Override
        public String name() {
            return "acme.loyalty-tier";
        }

        @Override
        public void validate(HostCondition condition) {
            String atLeast = condition.parameters().text("atLeast");
            if (!atLeast.equals("silver") && !atLeast.equals("gold")) {
                throw new InvalidInputException("parameters.atLeast", "must be silver or gold, was " + atLeast);
            }
        }

        @Override
        public EligibilityOutcome evaluate(HostCondition condition, Candidate candidate) {
            boolean gold = candidate.context().customer().segments().contains(Segment.of("gold"));
            boolean silver = gold || candidate.context().customer().segments().contains(Segment.of("silver"));
            boolean met = condition.parameters().text("atLeast").equals("gold") ? gold : silver;
            return met ? EligibilityOutcome.eligible()
                    : EligibilityOutcome.rejectedByHost("LOYALTY_TIER_TOO_LOW",
                            "for " + condition.parameters().text("atLeast") + " members, customer " + candidate.context().customer().id() + " is not one");
        }
    };

    private HostKinds() {}

    /** @return an engine with every kind and condition of this class */
    public static PricingEngine engine() {
        return PricingEngine.builder().discountKind(GREEDY).discountKind(LOYALTY).discountKind(SPEND_AND_SAVE)
                .eligibilityCondition(LOYALTY_TIER).build();
    }
}
