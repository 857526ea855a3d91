package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.value.UsageCount;

import static dev.couponkernel.core.Fixtures.NOW;
import static dev.couponkernel.core.Fixtures.STAFF;
import static dev.couponkernel.core.Fixtures.active;
import static dev.couponkernel.core.Fixtures.draft;
import static dev.couponkernel.core.Fixtures.eur;
import static dev.couponkernel.core.Fixtures.exampleCart;
import static dev.couponkernel.core.Fixtures.regular;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One example per reason code; {@link #everyReasonHasAnExample()} checks none is missed. */
class RejectionReasonsTest {

    private static final Set<RejectionReason> SEEN = EnumSet.noneOf(RejectionReason.class);

    private static CouponDefinition.Builder tenPercent(String code) {
        return CouponDefinition.builder(code).percentOff(10);
    }

    private static RejectedCoupon rejectedOnly(PricingRequest.Builder request) {
        PricingDecision decision = PricingEngine.standard().price(request.at(NOW).build());
        RejectedCoupon rejected = decision.rejected().stream()
                .filter(r -> r.code().value().startsWith("X"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing rejected: " + decision));
        SEEN.add(rejected.reason());
        if (rejected.reason() != RejectionReason.DUPLICATE_CODE) {
            assertThat(decision.appliedCodes()).extracting(Object::toString).doesNotContain(rejected.code().value());
        }
        return rejected;
    }

    private static RejectedCoupon rejected(Coupon coupon) {
        return rejectedOnly(PricingRequest.builder(exampleCart(), regular()).coupons(coupon));
    }

    private static void expect(RejectedCoupon rejected, RejectionReason reason, String message) {
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.message()).isEqualTo(message);
        assertThat(reason.defaultMessage()).isNotBlank();
    }

    @Test
    void unknownCode() {
        expect(rejectedOnly(PricingRequest.builder(exampleCart(), regular()).codes(List.of("xmas"), c -> Optional.empty())),
                RejectionReason.UNKNOWN_CODE, "no coupon has code XMAS");
    }

    @Test
    void duplicateCode() {
        Coupon c = active(tenPercent("XDUP").build());
        PricingRequest.Builder twice = PricingRequest.builder(exampleCart(), regular()).coupons(c, c);
        expect(rejectedOnly(twice), RejectionReason.DUPLICATE_CODE, "requested more than once");
        assertThat(PricingEngine.standard().price(twice.build()).appliedCodes())
                .as("the first request of the code applies once").extracting(Object::toString).containsExactly("XDUP");
    }

    @Test
    void notActive() {
        expect(rejected(draft(tenPercent("XDRAFT").build())), RejectionReason.NOT_ACTIVE, "coupon XDRAFT is a draft");
    }

    @Test
    void suspended() {
        Coupon c = active(tenPercent("XSUS").build()).suspend(NOW, STAFF, "under attack").coupon();
        expect(rejected(c), RejectionReason.SUSPENDED, "coupon XSUS is suspended");
    }

    @Test
    void disabled() {
        Coupon c = active(tenPercent("XOFF").build()).disable(NOW, STAFF, "campaign ended").coupon();
        expect(rejected(c), RejectionReason.DISABLED, "coupon XOFF is disabled");
    }

    @Test
    void notYetValidAndExpired() {
        Instant from = NOW.plusSeconds(60);
        expect(rejected(active(tenPercent("XSOON").validity(ValidityPeriod.startingAt(from)).build())),
                RejectionReason.NOT_YET_VALID, "valid from " + from + ", asked at " + NOW);
        expect(rejected(active(tenPercent("XPAST").validity(ValidityPeriod.between(NOW.minusSeconds(60), NOW)).build())),
                RejectionReason.EXPIRED, "valid until " + NOW + ", asked at " + NOW);
    }

    @Test
    void totalAndUserLimits() {
        Coupon c = active(tenPercent("XLIM").limits(UsageLimits.of(5, 2)).build());
        expect(rejectedOnly(PricingRequest.builder(exampleCart(), regular()).coupons(c)
                        .usage(UsageCounts.of(Map.of(c.id(), new UsageCount(5, 0))))),
                RejectionReason.TOTAL_LIMIT_REACHED, "5 of 5 uses are taken");
        expect(rejectedOnly(PricingRequest.builder(exampleCart(), regular()).coupons(c)
                        .usage(UsageCounts.of(Map.of(c.id(), new UsageCount(3, 2))))),
                RejectionReason.USER_LIMIT_REACHED, "customer u-1 used it 2 of 2 times");
    }

    @Test
    void currencyNotSupported() {
        Cart usd = Cart.of(Money.of("0", "USD"), CartLine.of("L1", "A", "s", Money.of("10.00", "USD"), 1));
        Coupon c = active(CouponDefinition.builder("XEUR").amountOff(eur("5.00")).build());
        expect(rejectedOnly(PricingRequest.builder(usd, regular()).coupons(c)),
                RejectionReason.CURRENCY_NOT_SUPPORTED, "defined in [EUR], cart is in USD");
    }

    @Test
    void noEligibleLines() {
        Coupon c = active(tenPercent("XSELLER")
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().onlySellers(SellerId.of("other"))))
                .build());
        expect(rejected(c), RejectionReason.NO_ELIGIBLE_LINES, "no line is in the coupon's seller, product or category scope");
    }

    @Test
    void minimumOrderAmountAndQuantity() {
        expect(rejected(active(tenPercent("XMIN").eligibility(EligibilityRules.anyone().withMinOrderAmount(eur("100.01"))).build())),
                RejectionReason.MIN_ORDER_AMOUNT_NOT_MET, "qualifying items come to 100.00 EUR, at least 100.01 EUR needed");
        expect(rejected(active(tenPercent("XQTY").eligibility(EligibilityRules.anyone().withMinQuantity(7)).build())),
                RejectionReason.MIN_QUANTITY_NOT_MET, "6 qualifying items, at least 7 needed");
    }

    @Test
    void firstOrderOnly() {
        expect(rejected(active(tenPercent("XFIRST").eligibility(EligibilityRules.anyone().forFirstOrderOnly()).build())),
                RejectionReason.FIRST_ORDER_ONLY, "customer has 4 completed orders");
        Customer newcomer = Customer.of("u-2", NOW, 0);
        Coupon first = active(tenPercent("FIRST").eligibility(EligibilityRules.anyone().forFirstOrderOnly()).build());
        assertThat(PricingEngine.standard().price(PricingRequest.builder(exampleCart(), newcomer).at(NOW).coupons(first).build())
                .appliedCodes()).hasSize(1);
    }

    @Test
    void customerSegment() {
        expect(rejected(active(tenPercent("XVIP").eligibility(EligibilityRules.anyone().forSegments(Segment.of("vip"))).build())),
                RejectionReason.CUSTOMER_NOT_ELIGIBLE, "for segments [vip], customer is in [regular]");
    }

    @Test
    void channel() {
        Coupon app = active(tenPercent("XAPP").eligibility(EligibilityRules.anyone().forChannels(Channel.of("app"))).build());
        expect(rejectedOnly(PricingRequest.builder(exampleCart(), regular()).channel(Channel.of("web")).coupons(app)),
                RejectionReason.CHANNEL_NOT_ELIGIBLE, "offered in [app], asked in web");
        expect(rejected(app), RejectionReason.CHANNEL_NOT_ELIGIBLE, "offered in [app], asked in no channel");
    }

    @Test
    void notCombinableAndMaxCoupons() {
        Coupon winner = active(tenPercent("AWIN").stacking(StackingRule.exclusive(StackingClass.ORDER, 5)).build());
        Coupon loser = active(tenPercent("XLOSE").build());
        expect(rejectedOnly(PricingRequest.builder(exampleCart(), regular()).coupons(loser, winner)),
                RejectionReason.NOT_COMBINABLE, "does not combine with AWIN, which takes precedence");
        Coupon first = active(tenPercent("AFIRST").build());
        expect(rejectedOnly(PricingRequest.builder(exampleCart(), regular()).coupons(loser, first).maxCoupons(1)),
                RejectionReason.MAX_COUPONS_EXCEEDED, "the request applies at most 1 coupons");
    }

    @Test
    void nothingToDiscount() {
        Cart noShipping = Cart.of(eur("0.00"), CartLine.of("L1", "A", "s", eur("10.00"), 1));
        Coupon ship = active(CouponDefinition.builder("XSHIP").freeShipping().build());
        expect(rejectedOnly(PricingRequest.builder(noShipping, regular()).coupons(ship)),
                RejectionReason.NOTHING_TO_DISCOUNT, "the coupons applied before it left nothing in its scope to discount");
    }

    @Test
    void hostPolicyNarrowsEligibility() {
        EligibilityPolicy noHats = c -> c.eligibleLines().stream().anyMatch(l -> l.sku().value().startsWith("HAT"))
                ? EligibilityOutcome.rejected(RejectionReason.NO_ELIGIBLE_LINES, "no coupons on hats")
                : EligibilityOutcome.eligible();
        PricingDecision decision = PricingEngine.withExtraPolicy(noHats).price(
                PricingRequest.builder(exampleCart(), regular()).at(NOW).coupons(active(tenPercent("XHAT").build())).build());
        assertThat(decision.rejected()).singleElement().satisfies(r -> assertThat(r.message()).isEqualTo("no coupons on hats"));
    }

    @Test
    void hostConditionNotMet() {
        Coupon gold = active(tenPercent("GOLD10").eligibility(dev.couponkernel.spi.coupon.EligibilityRules.anyone()
                .withConditions(dev.couponkernel.spi.coupon.HostCondition.of("acme.loyalty-tier", "atLeast", "gold"))).build());
        PricingDecision decision = dev.couponkernel.core.HostKinds.engine().price(
                PricingRequest.builder(exampleCart(), regular()).at(NOW).coupons(gold).build());
        RejectedCoupon rejected = decision.rejected().get(0);
        SEEN.add(rejected.reason());
        expect(rejected, RejectionReason.CONDITION_NOT_MET, "for gold members, customer u-1 is not one");
        assertThat(rejected.hostReason()).contains("LOYALTY_TIER_TOO_LOW");
    }

    /**
     * Every reason pricing can give has an example here; CHECKOUT_CLOSED, CHECKOUT_OF_ANOTHER_CUSTOMER and
     * BUDGET_EXHAUSTED come from the usage ledger's contract (a budget is judged under the lock, against
     * what the locks reserve), CODE_USED_UP and CODE_VOIDED from the ledger's contract and the kernel's
     * campaign test (a unique code's row is read by the kernel, not by pricing), SUSPECTED_FRAUD from the
     * fraud guard (FraudAttackSimulationTest).
     */
    @AfterAll
    static void everyPricingReasonHasAnExample() {
        assertThat(SEEN).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(RejectionReason.CHECKOUT_CLOSED,
                RejectionReason.CHECKOUT_OF_ANOTHER_CUSTOMER, RejectionReason.BUDGET_EXHAUSTED, RejectionReason.SUSPECTED_FRAUD,
                RejectionReason.CODE_USED_UP, RejectionReason.CODE_VOIDED)));
    }
}
