package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Instant;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a coupon is, apart from its identity and lifecycle: its code, the discount, how it
 * stacks, who and what it is for, when and how often it may be used.
 *
 * <p>Checked as a whole on construction:
 *
 * <ul>
 *   <li>a shipping discount has stacking class {@link StackingClass#SHIPPING} and only it does;
 *   <li>every money setting (fixed amounts, caps, shipping amounts, minimum order amounts, the budget)
 *       covers the same currencies, so a coupon never has a cap in a currency its minimum order amount does not
 *       know (a coupon with no money setting works in every currency).
 * </ul>
 *
 * <p>Immutable and thread-safe. Use {@link #builder(String)} for a readable construction.
 *
 * @param code the normalized code customers type
 * @param discount what the coupon takes off
 * @param stacking how it combines with other coupons
 * @param eligibility who and what it is for
 * @param validity when it may be used
 * @param limits how often it may be used
 * @param reinstatePolicy whether a cancelled order gives its use back
 * @param codes whether customers type the coupon's code or one of its unique codes
 */
public record CouponDefinition(
        CouponCode code,
        Discount discount,
        StackingRule stacking,
        EligibilityRules eligibility,
        ValidityPeriod validity,
        UsageLimits limits,
        ReinstatePolicy reinstatePolicy,
        CodeMode codes) {

    /**
     * Validates the parts and their consistency.
     *
     * @param code the normalized code customers type
     * @param discount what the coupon takes off
     * @param stacking how it combines with other coupons
     * @param eligibility who and what it is for
     * @param validity when it may be used
     * @param limits how often it may be used
     * @param reinstatePolicy whether a cancelled order gives its use back
     * @param codes whether customers type the coupon's code or one of its unique codes
     */
    public CouponDefinition {
        Checks.notNull(code, "code");
        Checks.notNull(discount, "discount");
        Checks.notNull(stacking, "stacking");
        Checks.notNull(eligibility, "eligibility");
        Checks.notNull(validity, "validity");
        Checks.notNull(limits, "limits");
        Checks.notNull(reinstatePolicy, "reinstatePolicy");
        Checks.notNull(codes, "codes");
        if (codes == CodeMode.SHARED && limits.maxUsesPerCode().isPresent()) {
            throw new InvalidInputException("limits.maxUsesPerCode", "a coupon with one shared code has no per-code limit;"
                    + " its total limit counts the code's uses (a per-code limit is for a coupon of unique codes)");
        }
        boolean shippingDiscount = discount.type() == DiscountType.SHIPPING;
        boolean shippingClass = stacking.stackingClass() == StackingClass.SHIPPING;
        if (shippingDiscount != shippingClass) {
            throw new InvalidInputException(
                    "stacking.stackingClass",
                    "a " + discount.type() + " discount cannot have stacking class " + stacking.stackingClass()
                            + "; shipping discounts and only they have class SHIPPING");
        }
        Set<Currency> discountCurrencies = discount.currencies();
        Set<Currency> minimumCurrencies = eligibility.minOrderAmount().currencies();
        if (!discountCurrencies.isEmpty() && !minimumCurrencies.isEmpty() && !discountCurrencies.equals(minimumCurrencies)) {
            throw new InvalidInputException(
                    "discount",
                    "the discount's amounts are in " + codes(discountCurrencies) + " but the minimum order amount is in "
                            + codes(minimumCurrencies) + "; every money setting of a coupon covers the same currencies");
        }
        Set<Currency> budgetCurrencies = limits.budget().currencies();
        Set<Currency> moneyCurrencies = discountCurrencies.isEmpty() ? minimumCurrencies : discountCurrencies;
        if (!budgetCurrencies.isEmpty() && !moneyCurrencies.isEmpty() && !budgetCurrencies.equals(moneyCurrencies)) {
            throw new InvalidInputException(
                    "limits.budget",
                    "the budget is in " + codes(budgetCurrencies) + " but the coupon's amounts are in " + codes(moneyCurrencies)
                            + "; every money setting of a coupon covers the same currencies");
        }
    }

    /**
     * A definition whose redeemed uses are final ({@link ReinstatePolicy#NEVER}).
     *
     * @param code the normalized code customers type
     * @param discount what the coupon takes off
     * @param stacking how it combines with other coupons
     * @param eligibility who and what it is for
     * @param validity when it may be used
     * @param limits how often it may be used
     */
    public CouponDefinition(CouponCode code, Discount discount, StackingRule stacking, EligibilityRules eligibility,
            ValidityPeriod validity, UsageLimits limits) {
        this(code, discount, stacking, eligibility, validity, limits, ReinstatePolicy.NEVER, CodeMode.SHARED);
    }

    /**
     * A definition of one shared code ({@link CodeMode#SHARED}).
     *
     * @param code the normalized code customers type
     * @param discount what the coupon takes off
     * @param stacking how it combines with other coupons
     * @param eligibility who and what it is for
     * @param validity when it may be used
     * @param limits how often it may be used
     * @param reinstatePolicy whether a cancelled order gives its use back
     */
    public CouponDefinition(CouponCode code, Discount discount, StackingRule stacking, EligibilityRules eligibility,
            ValidityPeriod validity, UsageLimits limits, ReinstatePolicy reinstatePolicy) {
        this(code, discount, stacking, eligibility, validity, limits, reinstatePolicy, CodeMode.SHARED);
    }

    /**
     * @param policy whether a cancelled order gives its use back
     * @return this definition with that policy
     */
    public CouponDefinition withReinstatePolicy(ReinstatePolicy policy) {
        return new CouponDefinition(code, discount, stacking, eligibility, validity, limits, policy, codes);
    }

    /**
     * @param mode whether customers type the coupon's code or one of its unique codes
     * @return this definition with that mode
     */
    public CouponDefinition withCodes(CodeMode mode) {
        return new CouponDefinition(code, discount, stacking, eligibility, validity, limits, reinstatePolicy, mode);
    }

    /**
     * @param newLimits other limits
     * @return this definition with those limits
     */
    public CouponDefinition withLimits(UsageLimits newLimits) {
        return new CouponDefinition(code, discount, stacking, eligibility, validity, newLimits, reinstatePolicy, codes);
    }

    /**
     * Returns the currencies this coupon works in: those its money settings define, or empty when it
     * works in every currency.
     *
     * @return the currencies
     */
    public Set<Currency> currencies() {
        Set<Currency> fromDiscount = discount.currencies();
        if (!fromDiscount.isEmpty()) {
            return fromDiscount;
        }
        Set<Currency> fromMinimum = eligibility.minOrderAmount().currencies();
        return fromMinimum.isEmpty() ? limits.budget().currencies() : fromMinimum;
    }

    /**
     * Tells whether this coupon works in a currency: it has no money setting, or its money settings
     * define an amount in that currency.
     *
     * @param currency the currency
     * @return true if the coupon can give a discount in it
     */
    public boolean supports(Currency currency) {
        Set<Currency> defined = currencies();
        return defined.isEmpty() || defined.contains(currency);
    }

    private static String codes(Set<Currency> currencies) {
        return currencies.stream().map(Currency::getCurrencyCode).sorted().collect(Collectors.joining(", "));
    }

    /**
     * Starts a definition for a code, with defaults: stackable with every class at priority 0, open to
     * anyone, valid from the epoch with no end, unlimited.
     *
     * @param code the code as typed; normalized
     * @return a builder
     */
    public static Builder builder(String code) {
        return new Builder(CouponCode.parse(code));
    }

    /**
     * Builds a {@link CouponDefinition}; each setter checks its argument, {@link #build()} checks the
     * whole. Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private final CouponCode code;
        private Discount discount;
        private StackingRule stacking;
        private EligibilityRules eligibility = EligibilityRules.anyone();
        private ValidityPeriod validity = ValidityPeriod.startingAt(Instant.EPOCH);
        private UsageLimits limits = UsageLimits.unlimited();
        private ReinstatePolicy reinstatePolicy = ReinstatePolicy.NEVER;
        private CodeMode codes = CodeMode.SHARED;

        private Builder(CouponCode code) {
            this.code = code;
        }

        /**
         * @param percent whole percent off the eligible lines
         * @return this builder
         */
        public Builder percentOff(int percent) {
            return discount(Discount.percent(Percentage.of(percent)));
        }

        /**
         * @param percent percent off the eligible lines, capped per currency
         * @param caps the caps, one per currency
         * @return this builder
         */
        public Builder percentOff(Percentage percent, Money... caps) {
            return discount(new PercentDiscount(percent, CurrencyAmounts.of("discount.caps", caps)));
        }

        /**
         * @param amounts the amount off, one per currency
         * @return this builder
         */
        public Builder amountOff(Money... amounts) {
            return discount(Discount.fixed(amounts));
        }

        /** @return this builder, for free shipping */
        public Builder freeShipping() {
            return discount(Discount.freeShipping());
        }

        /**
         * Sets the discount; the stacking class defaults to ORDER, or SHIPPING for a shipping discount.
         *
         * @param discount the discount
         * @return this builder
         */
        public Builder discount(Discount discount) {
            this.discount = Checks.notNull(discount, "discount");
            return this;
        }

        /**
         * @param stacking the stacking rule
         * @return this builder
         */
        public Builder stacking(StackingRule stacking) {
            this.stacking = Checks.notNull(stacking, "stacking");
            return this;
        }

        /**
         * @param eligibility the eligibility rules
         * @return this builder
         */
        public Builder eligibility(EligibilityRules eligibility) {
            this.eligibility = Checks.notNull(eligibility, "eligibility");
            return this;
        }

        /**
         * @param validity the validity period
         * @return this builder
         */
        public Builder validity(ValidityPeriod validity) {
            this.validity = Checks.notNull(validity, "validity");
            return this;
        }

        /**
         * @param limits the usage limits
         * @return this builder
         */
        public Builder limits(UsageLimits limits) {
            this.limits = Checks.notNull(limits, "limits");
            return this;
        }

        /**
         * @param policy whether a cancelled order gives its use back (default {@link ReinstatePolicy#NEVER})
         * @return this builder
         */
        public Builder reinstatePolicy(ReinstatePolicy policy) {
            this.reinstatePolicy = Checks.notNull(policy, "reinstatePolicy");
            return this;
        }

        /**
         * @param mode whether customers type the coupon's code (the default) or one of its unique codes
         * @return this builder
         */
        public Builder codes(CodeMode mode) {
            this.codes = Checks.notNull(mode, "codes");
            return this;
        }

        /**
         * @return the definition
         * @throws InvalidInputException if no discount was set or the parts are inconsistent
         */
        public CouponDefinition build() {
            if (discount == null) {
                throw new InvalidInputException("discount", "is required; call percentOff, amountOff, freeShipping or discount");
            }
            StackingRule rule = stacking != null
                    ? stacking
                    : StackingRule.stackableWithAll(
                            discount.type() == DiscountType.SHIPPING ? StackingClass.SHIPPING : StackingClass.ORDER, 0);
            return new CouponDefinition(code, discount, rule, eligibility, validity, limits, reinstatePolicy, codes);
        }
    }
}
