package dev.couponkernel.core.pricing;

import static dev.couponkernel.core.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.Fixtures;
import dev.couponkernel.core.PricingArbitraries;
import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.core.eligibility.UsageCounts;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The pricing invariants of DESIGN.md (3 and 4) and the properties, over random carts and coupons. */
class PricingProperties {

    /** Every built-in kind and the host kinds of {@link dev.couponkernel.core.HostKinds}, a greedy one among them. */
    private static final PricingEngine ENGINE = dev.couponkernel.core.HostKinds.engine();

    @Provide
    Arbitrary<List<Coupon>> coupons() {
        return PricingArbitraries.couponLists();
    }

    @Provide
    Arbitrary<Customer> customers() {
        return PricingArbitraries.customers();
    }

    @Provide
    Arbitrary<Map<CouponId, UsageCount>> usage() {
        return PricingArbitraries.usage();
    }

    private static PricingDecision price(Cart cart, Customer customer, List<Coupon> coupons, Map<CouponId, UsageCount> usage) {
        return ENGINE.price(PricingRequest.builder(cart, customer).at(NOW).coupons(coupons)
                .usage(UsageCounts.of(usage)).maxCoupons(3).build());
    }

    @Property
    void discountNeverExceedsWhatItAppliesTo(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll("usage") Map<CouponId, UsageCount> usage) {
        checkAmounts(cart, price(cart, customer, coupons, usage));
    }

    @Property
    void aGreedyHostKindNeverTakesMoreThanIsLeft(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll boolean stackable) {
        // a host kind that asks for far more than every line and shipping hold, beside random coupons
        Coupon greedy = Fixtures.active(CouponDefinition.builder("GREEDY")
                .discount(dev.couponkernel.spi.coupon.HostDiscount.of("test.greedy", dev.couponkernel.spi.coupon.HostParameters.none()))
                .stacking(stackable ? StackingRule.stackableWithAll(dev.couponkernel.spi.coupon.StackingClass.ORDER, 0)
                        : StackingRule.exclusive(dev.couponkernel.spi.coupon.StackingClass.ORDER, 0))
                .build());
        List<Coupon> all = new ArrayList<>(coupons);
        all.add(greedy);
        PricingDecision d = ENGINE.price(PricingRequest.builder(cart, customer).at(NOW).coupons(all).maxCoupons(6).build());

        checkAmounts(cart, d);
        assertThat(d.totalAfter().minorUnits()).isGreaterThanOrEqualTo(0);
        if (d.appliedCodes().stream().anyMatch(c -> c.value().equals("GREEDY"))) {
            // it takes everything left of its lines and shipping, and nothing beyond
            assertThat(d.shippingDiscount()).isEqualTo(cart.shipping());
            for (LinePrice line : d.lines()) {
                assertThat(line.after().minorUnits()).isZero();
            }
        }
    }

    @Property
    void bestForTheCustomerKeepsEveryRuleAndNeverGivesLess(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll("usage") Map<CouponId, UsageCount> usage) {
        PricingRequest.Builder request = PricingRequest.builder(cart, customer).at(NOW).coupons(coupons)
                .usage(UsageCounts.of(usage)).maxCoupons(3);
        PricingDecision byPriority = ENGINE.price(request.build());
        PricingDecision best = ENGINE.price(request.selection(StackingSelection.BEST_FOR_CUSTOMER).build());

        checkAmounts(cart, best);
        assertThat(best.totalDiscount().compareTo(byPriority.totalDiscount())).isGreaterThanOrEqualTo(0);
        List<String> accounted = new ArrayList<>();
        best.applied().forEach(a -> accounted.add(a.code().value()));
        best.rejected().forEach(r -> accounted.add(r.code().value()));
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(coupons.stream().map(c -> c.code().value()).toList());
        assertThat(best.applied().size()).isLessThanOrEqualTo(3);
        Map<CouponId, StackingRule> rules = new HashMap<>();
        coupons.forEach(c -> rules.put(c.id(), c.definition().stacking()));
        for (AppliedCoupon a : best.applied()) {
            for (AppliedCoupon b : best.applied()) {
                if (a != b) {
                    assertThat(rules.get(a.couponId()).combinesWith(rules.get(b.couponId()))).isTrue();
                }
            }
        }
        // no exclusive coupon alone gives more than the choice
        for (Coupon c : coupons) {
            boolean requestedOnce = coupons.stream().filter(o -> o.code().equals(c.code())).count() == 1;
            if (c.definition().stacking().exclusive() && requestedOnce) {
                PricingDecision alone = price(cart, customer, List.of(c), usage);
                assertThat(alone.totalDiscount().compareTo(best.totalDiscount())).as("%s alone", c.code()).isLessThanOrEqualTo(0);
            }
        }
    }

    private static void checkAmounts(Cart cart, PricingDecision d) {
        assertThat(d.totalDiscount().compareTo(cart.subtotal().plus(cart.shipping()))).isLessThanOrEqualTo(0);
        assertThat(d.shippingDiscount().compareTo(cart.shipping())).isLessThanOrEqualTo(0);
        Map<LineId, Long> allocatedPerLine = new HashMap<>();
        long appliedToLines = 0;
        long appliedToShipping = 0;
        for (AppliedCoupon applied : d.applied()) {
            assertThat(applied.amount().isZero()).as("an applied coupon takes something off").isFalse();
            long sum = 0;
            for (LineAllocation a : applied.allocations()) {
                sum += a.amount().minorUnits();
                allocatedPerLine.merge(a.lineId(), a.amount().minorUnits(), Long::sum);
            }
            assertThat(sum + applied.shippingDiscount().minorUnits())
                    .as("allocations of %s sum exactly to its amount", applied.code())
                    .isEqualTo(applied.amount().minorUnits());
            appliedToLines += sum;
            appliedToShipping += applied.shippingDiscount().minorUnits();
        }
        for (int i = 0; i < cart.lines().size(); i++) {
            CartLine line = cart.lines().get(i);
            LinePrice price = d.lines().get(i);
            assertThat(price.lineId()).isEqualTo(line.id());
            assertThat(price.before()).isEqualTo(line.amount());
            assertThat(price.discount().compareTo(line.amount())).isLessThanOrEqualTo(0);
            assertThat(price.discount().minorUnits()).isEqualTo(allocatedPerLine.getOrDefault(line.id(), 0L));
        }
        assertThat(d.merchandiseDiscount().minorUnits()).isEqualTo(appliedToLines);
        assertThat(d.shippingDiscount().minorUnits()).isEqualTo(appliedToShipping);
        assertThat(d.totalAfter()).isEqualTo(d.totalBefore().minus(d.totalDiscount()));
    }

    @Property
    void everyRequestedCouponIsAppliedOrRejectedOnce(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll("usage") Map<CouponId, UsageCount> usage) {
        PricingDecision d = price(cart, customer, coupons, usage);

        List<String> accounted = new ArrayList<>();
        d.applied().forEach(a -> accounted.add(a.code().value()));
        d.rejected().forEach(r -> accounted.add(r.code().value()));
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(coupons.stream().map(c -> c.code().value()).toList());
        assertThat(d.applied().size()).isLessThanOrEqualTo(3);
    }

    @Property
    void nothingAppliesOutsideItsWindowOrLimitsOrCurrency(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll("usage") Map<CouponId, UsageCount> usage) {
        PricingDecision d = price(cart, customer, coupons, usage);

        Map<CouponId, Coupon> byId = new HashMap<>();
        coupons.forEach(c -> byId.put(c.id(), c));
        for (AppliedCoupon applied : d.applied()) {
            CouponDefinition definition = byId.get(applied.couponId()).definition();
            assertThat(definition.validity().contains(NOW)).isTrue();
            long used = usage.getOrDefault(applied.couponId(), UsageCount.NONE).total();
            assertThat(definition.limits().totalReached(used)).isFalse();
            if (!definition.currencies().isEmpty()) {
                assertThat(definition.currencies()).contains(cart.currency());
            }
        }
    }

    @Property
    void twoCouponsStackOnlyIfBothAllowIt(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll("usage") Map<CouponId, UsageCount> usage) {
        PricingDecision d = price(cart, customer, coupons, usage);

        Map<CouponId, StackingRule> rules = new HashMap<>();
        coupons.forEach(c -> rules.put(c.id(), c.definition().stacking()));
        for (AppliedCoupon a : d.applied()) {
            for (AppliedCoupon b : d.applied()) {
                if (a != b) {
                    StackingRule ra = rules.get(a.couponId());
                    StackingRule rb = rules.get(b.couponId());
                    assertThat(ra.exclusive() || rb.exclusive()).isFalse();
                    assertThat(ra.combinesWith()).contains(rb.stackingClass());
                    assertThat(rb.combinesWith()).contains(ra.stackingClass());
                }
            }
        }
    }

    @Property
    void decisionIgnoresTheOrderOfLinesAndCodes(
            @ForAll Cart cart, @ForAll("customers") Customer customer,
            @ForAll("coupons") List<Coupon> coupons, @ForAll("usage") Map<CouponId, UsageCount> usage,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<CartLine> lines = new ArrayList<>(cart.lines());
        Collections.shuffle(lines, random);
        Cart shuffledCart = new Cart(cart.currency(), lines, cart.shipping());
        List<Coupon> shuffledCoupons = new ArrayList<>(coupons);
        Collections.shuffle(shuffledCoupons, random);

        PricingDecision original = price(cart, customer, coupons, usage);
        PricingDecision shuffled = price(shuffledCart, customer, shuffledCoupons, usage);

        assertThat(shuffled.rejected()).isEqualTo(original.rejected());
        assertThat(shuffled.applied()).hasSameSizeAs(original.applied());
        for (int i = 0; i < original.applied().size(); i++) {
            AppliedCoupon a = original.applied().get(i);
            AppliedCoupon b = shuffled.applied().get(i);
            assertThat(b.code()).isEqualTo(a.code());
            assertThat(b.amount()).isEqualTo(a.amount());
            assertThat(b.shippingDiscount()).isEqualTo(a.shippingDiscount());
            assertThat(b.allocations()).containsExactlyInAnyOrderElementsOf(a.allocations());
        }
        assertThat(shuffled.lines()).containsExactlyInAnyOrderElementsOf(original.lines());
        assertThat(shuffled.totalAfter()).isEqualTo(original.totalAfter());
    }

    @Property
    void percentDiscountIsMonotonicInPrice(
            @ForAll @IntRange(min = 1, max = 10_000) int basisPoints,
            @ForAll @LongRange(min = 0, max = 10_000_000) long price,
            @ForAll @LongRange(min = 0, max = 10_000_000) long increase,
            @ForAll boolean capped) {
        Discount discount = capped
                ? Discount.percent(Percentage.ofBasisPoints(basisPoints)).cappedAt(Money.of("500.00", "EUR"))
                : Discount.percent(Percentage.ofBasisPoints(basisPoints));
        Coupon coupon = Fixtures.active(CouponDefinition.builder("PCT").discount(discount).build());

        long lower = percentDiscount(coupon, price);
        long higher = percentDiscount(coupon, price + increase);

        assertThat(higher).isGreaterThanOrEqualTo(lower);
        assertThat(lower).isLessThanOrEqualTo(price);
    }

    private static long percentDiscount(Coupon coupon, long price) {
        Cart cart = Cart.of(Money.zero(Money.currency("EUR")),
                CartLine.of("L1", "A", "s", Money.ofMinor(price, Money.currency("EUR")), 1));
        PricingDecision d = ENGINE.price(PricingRequest.builder(cart, Fixtures.regular()).at(NOW).coupons(coupon).build());
        return d.merchandiseDiscount().minorUnits();
    }
}
