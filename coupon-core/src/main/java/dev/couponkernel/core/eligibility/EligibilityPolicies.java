package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.DiscountType;
import dev.couponkernel.spi.coupon.FixedPriceDiscount;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in eligibility policies, one per rule of a coupon, and {@link #standard()} which applies
 * them all in a fixed order. Every policy is stateless and thread-safe.
 */
public final class EligibilityPolicies {

    private static EligibilityOutcome checkActive(Candidate c) {
        CouponStatus status = c.coupon().status();
        return switch (status) {
            case ACTIVE -> EligibilityOutcome.eligible();
            case DRAFT -> EligibilityOutcome.rejected(RejectionReason.NOT_ACTIVE, "coupon " + c.coupon().code() + " is a draft");
            case SUSPENDED -> EligibilityOutcome.rejected(RejectionReason.SUSPENDED, "coupon " + c.coupon().code() + " is suspended");
            case DISABLED -> EligibilityOutcome.rejected(RejectionReason.DISABLED, "coupon " + c.coupon().code() + " is disabled");
        };
    }

    private static EligibilityOutcome checkValidityWindow(Candidate c) {
        ValidityPeriod validity = c.coupon().definition().validity();
        if (validity.isBefore(c.context().at())) {
            return EligibilityOutcome.rejected(
                    RejectionReason.NOT_YET_VALID, "valid from " + validity.validFrom() + ", asked at " + c.context().at());
        }
        if (validity.hasEndedAt(c.context().at())) {
            return EligibilityOutcome.rejected(
                    RejectionReason.EXPIRED, "valid until " + validity.validUntil() + ", asked at " + c.context().at());
        }
        return EligibilityOutcome.eligible();
    }

    private static EligibilityOutcome checkTotalLimit(Candidate c) {
        UsageLimits limits = c.coupon().definition().limits();
        long used = c.usage().total();
        return limits.totalReached(used)
                ? EligibilityOutcome.rejected(
                        RejectionReason.TOTAL_LIMIT_REACHED,
                        used + " of " + limits.maxTotalUses().getAsLong() + " uses are taken")
                : EligibilityOutcome.eligible();
    }

    private static EligibilityOutcome checkPerUserLimit(Candidate c) {
        UsageLimits limits = c.coupon().definition().limits();
        long used = c.usage().byUser();
        return limits.userReached(used)
                ? EligibilityOutcome.rejected(
                        RejectionReason.USER_LIMIT_REACHED,
                        "customer " + c.context().customer().id() + " used it " + used + " of "
                                + limits.maxUsesPerUser().getAsLong() + " times")
                : EligibilityOutcome.eligible();
    }

    private static EligibilityOutcome checkChannel(Candidate c) {
        Set<Channel> channels = c.coupon().definition().eligibility().channels();
        if (channels.isEmpty()) {
            return EligibilityOutcome.eligible();
        }
        Optional<Channel> channel = c.context().channel();
        return channel.isPresent() && channels.contains(channel.get())
                ? EligibilityOutcome.eligible()
                : EligibilityOutcome.rejected(
                        RejectionReason.CHANNEL_NOT_ELIGIBLE,
                        "offered in " + channels + ", asked in " + channel.map(Channel::value).orElse("no channel"));
    }

    private static EligibilityOutcome checkFirstOrder(Candidate c) {
        if (!c.coupon().definition().eligibility().firstOrderOnly()) {
            return EligibilityOutcome.eligible();
        }
        long completed = c.context().customer().completedOrders();
        return completed == 0
                ? EligibilityOutcome.eligible()
                : EligibilityOutcome.rejected(
                        RejectionReason.FIRST_ORDER_ONLY, "customer has " + completed + " completed orders");
    }

    private static EligibilityOutcome checkSegment(Candidate c) {
        Set<Segment> wanted = c.coupon().definition().eligibility().segments();
        if (wanted.isEmpty()) {
            return EligibilityOutcome.eligible();
        }
        for (Segment s : c.context().customer().segments()) {
            if (wanted.contains(s)) {
                return EligibilityOutcome.eligible();
            }
        }
        return EligibilityOutcome.rejected(
                RejectionReason.CUSTOMER_NOT_ELIGIBLE,
                "for segments " + wanted + ", customer is in " + c.context().customer().segments());
    }

    private static EligibilityOutcome checkCurrency(Candidate c) {
        CouponDefinition definition = c.coupon().definition();
        Currency cartCurrency = c.context().cart().currency();
        return definition.supports(cartCurrency)
                ? EligibilityOutcome.eligible()
                : EligibilityOutcome.rejected(
                        RejectionReason.CURRENCY_NOT_SUPPORTED,
                        "defined in " + definition.currencies() + ", cart is in " + cartCurrency.getCurrencyCode());
    }

    private static EligibilityOutcome checkProductScope(Candidate c) {
        return c.eligibleLineIndexes().length > 0
            ? EligibilityOutcome.eligible()
            : EligibilityOutcome.rejected(
                    RejectionReason.NO_ELIGIBLE_LINES, "no line is in the coupon's seller, product or category scope");
    }

    private static EligibilityOutcome checkMinQuantity(Candidate c) {
        int min = c.coupon().definition().eligibility().minQuantity();
        long quantity = c.eligibleQuantity();
        return quantity >= min
                ? EligibilityOutcome.eligible()
                : EligibilityOutcome.rejected(
                        RejectionReason.MIN_QUANTITY_NOT_MET, quantity + " qualifying items, at least " + min + " needed");
    }

    private static EligibilityOutcome checkMinOrderAmount(Candidate c) {
        EligibilityRules rules = c.coupon().definition().eligibility();
        if (rules.minOrderAmount().isEmpty()) {
            return EligibilityOutcome.eligible();
        }
        Currency currency = c.context().cart().currency();
        Optional<Money> min = rules.minOrderAmount().in(currency);
        if (min.isEmpty()) {
            return EligibilityOutcome.rejected(
                    RejectionReason.CURRENCY_NOT_SUPPORTED,
                    "no minimum order amount defined in " + currency.getCurrencyCode());
        }
        Money subtotal = c.eligibleSubtotal();
        return subtotal.compareTo(min.get()) >= 0
                ? EligibilityOutcome.eligible()
                : EligibilityOutcome.rejected(
                        RejectionReason.MIN_ORDER_AMOUNT_NOT_MET,
                        "qualifying items come to " + subtotal + ", at least " + min.get() + " needed");
    }

    /** A tiered discount applies from its first tier on; a buy-X-get-Y from its first complete application. */
    private static EligibilityOutcome checkFirstTier(Candidate c) {
        DiscountType type = c.coupon().definition().discount().type();
        if (type == DiscountType.BUY_X_GET_Y) {
            return checkFirstApplication(c, (BuyXGetYDiscount) c.coupon().definition().discount());
        }
        if (type == DiscountType.FIXED_PRICE) {
            return checkAboveTheFixedPrice(c, (FixedPriceDiscount) c.coupon().definition().discount());
        }
        // a host kind that finds nothing to take off is rejected NOTHING_TO_DISCOUNT by the engine
        if (type != DiscountType.TIERED) {
            return EligibilityOutcome.eligible();
        }
        TieredDiscount tiered = (TieredDiscount) c.coupon().definition().discount();
        Money subtotal = c.eligibleSubtotal();
        long quantity = c.eligibleQuantity();
        if (tiered.tierFor(subtotal, quantity).isPresent()) {
            return EligibilityOutcome.eligible();
        }
        TieredDiscount.Tier first = tiered.tiers().get(0);
        return switch (tiered.basis()) {
            case QUANTITY -> EligibilityOutcome.rejected(RejectionReason.MIN_QUANTITY_NOT_MET,
                    quantity + " qualifying items, the first tier starts at " + first.fromQuantity());
            case SUBTOTAL -> first.fromSubtotal().in(subtotal.currency())
                    .map(from -> EligibilityOutcome.rejected(RejectionReason.MIN_ORDER_AMOUNT_NOT_MET,
                            "qualifying items come to " + subtotal + ", the first tier starts at " + from))
                    .orElseGet(() -> EligibilityOutcome.rejected(RejectionReason.CURRENCY_NOT_SUPPORTED,
                            "no tier defined in " + subtotal.currency().getCurrencyCode()));
        };
    }

    private static EligibilityOutcome checkAboveTheFixedPrice(Candidate c, FixedPriceDiscount discount) {
        Money subtotal = c.eligibleSubtotal();
        Optional<Money> price = discount.prices().in(subtotal.currency());
        if (price.isEmpty()) {
            return EligibilityOutcome.rejected(RejectionReason.CURRENCY_NOT_SUPPORTED,
                    "no fixed price in " + subtotal.currency().getCurrencyCode());
        }
        if (discount.units() > 0) {
            long units = c.eligibleQuantity();
            return units >= discount.units() ? EligibilityOutcome.eligible()
                    : EligibilityOutcome.rejected(RejectionReason.MIN_QUANTITY_NOT_MET,
                            units + " qualifying items, a set is " + discount.units());
        }
        return subtotal.compareTo(price.get()) > 0 ? EligibilityOutcome.eligible()
                : EligibilityOutcome.rejected(RejectionReason.MIN_ORDER_AMOUNT_NOT_MET,
                        "qualifying items come to " + subtotal + ", not more than the fixed price " + price.get());
    }

    private static EligibilityOutcome checkFirstApplication(Candidate c, BuyXGetYDiscount discount) {
        List<CartLine> lines = c.context().cart().lines();
        boolean[] qualifying = new boolean[lines.size()];
        for (int i : c.eligibleLineIndexes()) {
            qualifying[i] = true;
        }
        for (long units : discount.rewardedUnits(lines, qualifying)) {
            if (units > 0) {
                return EligibilityOutcome.eligible();
            }
        }
        return EligibilityOutcome.rejected(RejectionReason.MIN_QUANTITY_NOT_MET, "buy " + discount.buyQuantity()
                + " qualifying items to get " + discount.getQuantity() + " of the reward's; the cart holds no complete set");
    }

    /** The standard policy as direct calls: one call site per check, so the JIT can inline each. */
    private static final EligibilityPolicy STANDARD = c -> {
        EligibilityOutcome o;
        if (!(o = checkActive(c)).isEligible()) {
            return o;
        }
        if (!(o = checkValidityWindow(c)).isEligible()) {
            return o;
        }
        if (!(o = checkTotalLimit(c)).isEligible()) {
            return o;
        }
        if (!(o = checkPerUserLimit(c)).isEligible()) {
            return o;
        }
        if (!(o = checkChannel(c)).isEligible()) {
            return o;
        }
        if (!(o = checkFirstOrder(c)).isEligible()) {
            return o;
        }
        if (!(o = checkSegment(c)).isEligible()) {
            return o;
        }
        if (!(o = checkCurrency(c)).isEligible()) {
            return o;
        }
        if (!(o = checkProductScope(c)).isEligible()) {
            return o;
        }
        if (!(o = checkMinQuantity(c)).isEligible()) {
            return o;
        }
        if (!(o = checkMinOrderAmount(c)).isEligible()) {
            return o;
        }
        if (!(o = checkFirstTier(c)).isEligible()) {
            return o;
        }
        return EligibilityOutcome.eligible();
    };

    private EligibilityPolicies() {}

    /** @return the coupon must be ACTIVE: NOT_ACTIVE for a draft, DISABLED for a disabled one */
    public static EligibilityPolicy active() {
        return EligibilityPolicies::checkActive;
    }

    /** @return the instant must lie in the validity period: NOT_YET_VALID or EXPIRED otherwise */
    public static EligibilityPolicy validityWindow() {
        return EligibilityPolicies::checkValidityWindow;
    }

    /** @return the total limit must not be reached: TOTAL_LIMIT_REACHED otherwise */
    public static EligibilityPolicy totalLimit() {
        return EligibilityPolicies::checkTotalLimit;
    }

    /** @return the customer's limit must not be reached: USER_LIMIT_REACHED otherwise */
    public static EligibilityPolicy perUserLimit() {
        return EligibilityPolicies::checkPerUserLimit;
    }

    /** @return the request's channel must be one the coupon names, if it names any: CHANNEL_NOT_ELIGIBLE otherwise */
    public static EligibilityPolicy channel() {
        return EligibilityPolicies::checkChannel;
    }

    /** @return a first-order-only coupon needs a customer with no completed order: FIRST_ORDER_ONLY otherwise */
    public static EligibilityPolicy firstOrderOnly() {
        return EligibilityPolicies::checkFirstOrder;
    }

    /** @return the customer must be in one of the coupon's segments, if it names any: CUSTOMER_NOT_ELIGIBLE otherwise */
    public static EligibilityPolicy segment() {
        return EligibilityPolicies::checkSegment;
    }

    /** @return a coupon with money settings must define the cart's currency: CURRENCY_NOT_SUPPORTED otherwise */
    public static EligibilityPolicy currency() {
        return EligibilityPolicies::checkCurrency;
    }

    /** @return at least one line must be in the coupon's scope: NO_ELIGIBLE_LINES otherwise */
    public static EligibilityPolicy productScope() {
        return EligibilityPolicies::checkProductScope;
    }

    /**
     * @return a tiered discount's eligible lines must reach its first tier: MIN_ORDER_AMOUNT_NOT_MET
     *     (by subtotal) or MIN_QUANTITY_NOT_MET (by quantity) otherwise
     */
    public static EligibilityPolicy firstTier() {
        return EligibilityPolicies::checkFirstTier;
    }

    /** @return the lines in scope must hold at least the minimum quantity: MIN_QUANTITY_NOT_MET otherwise */
    public static EligibilityPolicy minQuantity() {
        return EligibilityPolicies::checkMinQuantity;
    }

    /**
     * The lines in scope, at list price, must reach the minimum order amount in the cart's currency:
     * MIN_ORDER_AMOUNT_NOT_MET otherwise. Shipping and other coupons' discounts do not count.
     *
     * @return the policy
     */
    public static EligibilityPolicy minOrderAmount() {
        return EligibilityPolicies::checkMinOrderAmount;
    }

    /**
     * Returns every built-in policy in this order, the first rejection winning: active, validity
     * window, total limit, per-user limit, channel, first order, segment, currency, product scope,
     * minimum quantity, minimum order amount.
     *
     * @return the standard policy
     */
    public static EligibilityPolicy standard() {
        return STANDARD;
    }
}
