package dev.couponkernel.core.pricing;

import static dev.couponkernel.core.Fixtures.NOW;
import static dev.couponkernel.core.Fixtures.active;
import static dev.couponkernel.core.Fixtures.eur;
import static dev.couponkernel.core.Fixtures.exampleCart;
import static dev.couponkernel.core.Fixtures.regular;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.FixedPriceDiscount;
import dev.couponkernel.spi.coupon.OrderAndShippingDiscount;
import dev.couponkernel.spi.coupon.PerUnitDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each worked example of docs/discount_rules.md, number for number. */
class DiscountRulesExamplesTest {

    private static final PricingEngine ENGINE = PricingEngine.standard();

    static final Coupon SHOES20 = active(CouponDefinition.builder("SHOES20")
            .percentOff(20)
            .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
            .stacking(StackingRule.stackable(StackingClass.PRODUCT, 0, StackingClass.ORDER, StackingClass.SHIPPING))
            .build());
    static final Coupon FIVEOFF = active(CouponDefinition.builder("FIVEOFF")
            .amountOff(eur("5.00"), Money.of("6.00", "USD"))
            .stacking(StackingRule.stackable(StackingClass.ORDER, 0, StackingClass.PRODUCT, StackingClass.SHIPPING))
            .build());
    static final Coupon FREESHIP = active(CouponDefinition.builder("FREESHIP")
            .freeShipping()
            .stacking(StackingRule.stackable(StackingClass.SHIPPING, 0, StackingClass.PRODUCT, StackingClass.ORDER))
            .build());

    private static PricingDecision price(Cart cart, Coupon... coupons) {
        return ENGINE.price(PricingRequest.builder(cart, regular()).at(NOW).coupons(coupons).build());
    }

    private static Map<String, String> allocations(AppliedCoupon applied) {
        return applied.allocations().stream()
                .collect(Collectors.toMap(a -> a.lineId().value(), a -> a.amount().amount().toPlainString()));
    }

    @Test
    void example1_percentWithCap() {
        Coupon tenOff = active(CouponDefinition.builder("TENOFF").percentOff(Percentage.of(10), eur("8.00")).build());

        PricingDecision decision = price(exampleCart(), tenOff);

        AppliedCoupon applied = decision.applied().get(0);
        assertThat(applied.amount()).isEqualTo(eur("8.00"));
        assertThat(allocations(applied)).containsExactlyInAnyOrderEntriesOf(Map.of("L1", "4.80", "L2", "1.20", "L3", "2.00"));
        assertThat(decision.totalAfter()).isEqualTo(eur("96.90"));
    }

    @Test
    void example2_roundingAndLargestRemainder() {
        Cart cart = Cart.of(
                eur("0.00"),
                CartLine.of("C", "SKU-C", "s", eur("10.00"), 1),
                CartLine.of("A", "SKU-A", "s", eur("10.00"), 1),
                CartLine.of("B", "SKU-B", "s", eur("10.00"), 1));
        Coupon tenEuro = active(CouponDefinition.builder("TENEURO").amountOff(eur("10.00")).build());

        AppliedCoupon applied = price(cart, tenEuro).applied().get(0);

        assertThat(allocations(applied)).containsExactlyInAnyOrderEntriesOf(Map.of("A", "3.34", "B", "3.33", "C", "3.33"));

        Cart single = Cart.of(eur("0.00"), CartLine.of("L", "SKU", "s", eur("19.99"), 1));
        Coupon eighth = active(CouponDefinition.builder("EIGHTH").discount(
                dev.couponkernel.spi.coupon.Discount.percent(Percentage.of("12.5"))).build());
        assertThat(price(single, eighth).applied().get(0).amount()).isEqualTo(eur("2.50"));
    }

    @Test
    void example3_productThenOrderThenShipping() {
        PricingDecision decision = price(exampleCart(), FREESHIP, FIVEOFF, SHOES20);

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SHOES20", "FIVEOFF", "FREESHIP");
        assertThat(allocations(decision.applied().get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("L1", "12.00"));
        assertThat(allocations(decision.applied().get(1)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("L1", "2.73", "L2", "0.85", "L3", "1.42"));
        assertThat(decision.applied().get(2).shippingDiscount()).isEqualTo(eur("4.90"));
        assertThat(decision.totalBefore()).isEqualTo(eur("104.90"));
        assertThat(decision.totalDiscount()).isEqualTo(eur("21.90"));
        assertThat(decision.totalAfter()).isEqualTo(eur("83.00"));
        Map<LineId, LinePrice> lines = decision.lines().stream().collect(Collectors.toMap(LinePrice::lineId, l -> l));
        assertThat(lines.get(LineId.of("L1")).after()).isEqualTo(eur("45.27"));
    }

    @Test
    void example4_exclusiveCouponAndPriority() {
        Coupon vip = active(CouponDefinition.builder("VIP30").percentOff(30)
                .stacking(StackingRule.exclusive(StackingClass.ORDER, 10)).build());

        PricingDecision vipWins = price(exampleCart(), FIVEOFF, vip);
        assertThat(vipWins.appliedCodes()).extracting(Object::toString).containsExactly("VIP30");
        assertThat(vipWins.rejected()).singleElement().satisfies(r -> {
            assertThat(r.code().value()).isEqualTo("FIVEOFF");
            assertThat(r.reason()).isEqualTo(RejectionReason.NOT_COMBINABLE);
            assertThat(r.message()).contains("VIP30");
        });
        assertThat(vipWins.totalDiscount()).isEqualTo(eur("30.00"));

        Coupon lowVip = active(CouponDefinition.builder("VIP30").percentOff(30)
                .stacking(StackingRule.exclusive(StackingClass.ORDER, -1)).build());
        PricingDecision fiveWins = price(exampleCart(), FIVEOFF, lowVip);
        assertThat(fiveWins.appliedCodes()).extracting(Object::toString).containsExactly("FIVEOFF");
        assertThat(fiveWins.rejected()).extracting(RejectedCoupon::reason).containsExactly(RejectionReason.NOT_COMBINABLE);
    }

    @Test
    void example5_nothingLeftToDiscountBlocksNoOne() {
        ProductScope socks = ProductScope.all().includingCategories(Category.of("socks"));
        Coupon socksFree = active(CouponDefinition.builder("SOCKSFREE").percentOff(100)
                .eligibility(EligibilityRules.anyone().withScope(socks))
                .stacking(StackingRule.stackable(StackingClass.PRODUCT, 1, StackingClass.PRODUCT)).build());
        Coupon socksFive = active(CouponDefinition.builder("SOCKS5").amountOff(eur("5.00"))
                .eligibility(EligibilityRules.anyone().withScope(socks))
                .stacking(StackingRule.stackable(StackingClass.PRODUCT, 0, StackingClass.PRODUCT)).build());

        PricingDecision decision = price(exampleCart(), socksFive, socksFree);

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SOCKSFREE");
        assertThat(decision.applied().get(0).amount()).isEqualTo(eur("15.00"));
        assertThat(decision.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.NOTHING_TO_DISCOUNT));
    }

    @Test
    void example6_maximumNumberOfCoupons() {
        PricingDecision decision = ENGINE.price(PricingRequest.builder(exampleCart(), regular())
                .at(NOW).coupons(SHOES20, FIVEOFF, FREESHIP).maxCoupons(2).build());

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SHOES20", "FIVEOFF");
        assertThat(decision.rejected()).singleElement().satisfies(r -> {
            assertThat(r.code().value()).isEqualTo("FREESHIP");
            assertThat(r.reason()).isEqualTo(RejectionReason.MAX_COUPONS_EXCEEDED);
        });
    }

    @Test
    void example7_noDiscountInACurrencyTheCouponDoesNotDefine() {
        Cart gbp = Cart.of(Money.of("2.00", "GBP"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "GBP"), 2, "shoes"));

        PricingDecision decision = price(gbp, FIVEOFF, SHOES20);

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SHOES20");
        assertThat(decision.rejected()).singleElement().satisfies(r -> {
            assertThat(r.code().value()).isEqualTo("FIVEOFF");
            assertThat(r.reason()).isEqualTo(RejectionReason.CURRENCY_NOT_SUPPORTED);
        });
    }

    @Test
    void example8_minimumOrderAmountCountsTheEligibleLines() {
        Coupon shoesMin = active(CouponDefinition.builder("SHOESMIN").percentOff(10)
                .eligibility(EligibilityRules.anyone()
                        .withScope(ProductScope.all().includingCategories(Category.of("shoes")))
                        .withMinOrderAmount(eur("70.00")))
                .build());

        PricingDecision decision = price(exampleCart(), shoesMin);

        assertThat(decision.applied()).isEmpty();
        assertThat(decision.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MIN_ORDER_AMOUNT_NOT_MET);
            assertThat(r.message()).isEqualTo("qualifying items come to 60.00 EUR, at least 70.00 EUR needed");
        });
        assertThat(decision.totalAfter()).isEqualTo(decision.totalBefore());
    }

    private static Coupon tiered(String code, TieredDiscount discount, String category) {
        CouponDefinition.Builder b = CouponDefinition.builder(code).discount(discount);
        if (category != null) {
            b.eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of(category))));
        }
        return active(b.build());
    }

    @Test
    void example9_tieredPercentBySubtotal() {
        TieredDiscount steps = TieredDiscount.bySubtotal(TieredDiscount.Tier.basePercent(10),
                TieredDiscount.Tier.percentFromSubtotal(eur("20.00"), 15), TieredDiscount.Tier.percentFromSubtotal(eur("30.00"), 20));

        assertThat(price(exampleCart(), tiered("STEPS", steps, "socks")).totalDiscount()).isEqualTo(eur("1.50"));  // 15.00: base 10 %
        assertThat(price(exampleCart(), tiered("STEPS", steps, "hats")).totalDiscount()).isEqualTo(eur("3.75"));   // 25.00: 15 %
        PricingDecision whole = price(exampleCart(), tiered("STEPS", steps, null));                                 // 100.00: 20 %
        assertThat(whole.totalDiscount()).isEqualTo(eur("20.00"));
        assertThat(allocations(whole.applied().get(0))).containsExactlyInAnyOrderEntriesOf(
                Map.of("L1", "12.00", "L2", "3.00", "L3", "5.00"));
    }

    @Test
    void example10_tieredPercentByQuantity() {
        TieredDiscount multi = TieredDiscount.byQuantity(TieredDiscount.Tier.percentFromQuantity(2, 10),
                TieredDiscount.Tier.percentFromQuantity(5, 20));

        assertThat(price(exampleCart(), tiered("MULTI", multi, null)).totalDiscount()).isEqualTo(eur("20.00"));     // 6 units
        assertThat(price(exampleCart(), tiered("MULTI", multi, "socks")).totalDiscount()).isEqualTo(eur("1.50"));   // 3 units
        PricingDecision hats = price(exampleCart(), tiered("MULTI", multi, "hats"));                                 // 1 unit
        assertThat(hats.applied()).isEmpty();
        assertThat(hats.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MIN_QUANTITY_NOT_MET);
            assertThat(r.message()).isEqualTo("1 qualifying items, the first tier starts at 2");
        });
    }

    @Test
    void example11_tieredAmountBySubtotalBoundariesInclusive() {
        TieredDiscount spend = TieredDiscount.bySubtotal(TieredDiscount.Tier.amountFromSubtotal(eur("50.00"), eur("5.00")),
                TieredDiscount.Tier.amountFromSubtotal(eur("100.00"), eur("15.00")));

        PricingDecision whole = price(exampleCart(), tiered("SPEND", spend, null));                                  // exactly 100.00
        assertThat(whole.totalDiscount()).isEqualTo(eur("15.00"));
        assertThat(allocations(whole.applied().get(0))).containsExactlyInAnyOrderEntriesOf(
                Map.of("L1", "9.00", "L2", "2.25", "L3", "3.75"));
        assertThat(price(exampleCart(), tiered("SPEND", spend, "shoes")).totalDiscount()).isEqualTo(eur("5.00"));   // 60.00
        PricingDecision socks = price(exampleCart(), tiered("SPEND", spend, "socks"));                               // 15.00
        assertThat(socks.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MIN_ORDER_AMOUNT_NOT_MET);
            assertThat(r.message()).isEqualTo("qualifying items come to 15.00 EUR, the first tier starts at 50.00 EUR");
        });
        PricingDecision dollars = price(dev.couponkernel.spi.cart.Cart.of(Money.of("0.00", "USD"),
                dev.couponkernel.spi.cart.CartLine.of("L1", "SHOE-1", "acme", Money.of("80.00", "USD"), 1, "shoes")),
                tiered("SPEND", spend, null));
        assertThat(dollars.rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.CURRENCY_NOT_SUPPORTED);
    }

    private static Coupon perUnit(String code, PerUnitDiscount discount, String category) {
        CouponDefinition.Builder b = CouponDefinition.builder(code).discount(discount);
        if (category != null) {
            b.eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of(category))));
        }
        return active(b.build());
    }

    @Test
    void example12_anAmountOffEveryUnit() {
        PricingDecision socks = price(exampleCart(), perUnit("SOCKS1", PerUnitDiscount.amountPerUnit(eur("1.00")), "socks"));
        assertThat(socks.totalDiscount()).isEqualTo(eur("3.00"));
        assertThat(allocations(socks.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "3.00"));
        PricingDecision more = price(exampleCart(), perUnit("SOCKS8", PerUnitDiscount.amountPerUnit(eur("8.00")), "socks"));
        assertThat(more.totalDiscount()).as("never more than the unit: 3 x 5.00").isEqualTo(eur("15.00"));
    }

    @Test
    void example13_aPercentageOnAtMostTwoUnitsCheapestOrDearestFirst() {
        PricingDecision cheapest = price(exampleCart(), perUnit("HALF2", PerUnitDiscount.percentPerUnit(50).upTo(2), null));
        assertThat(allocations(cheapest.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "5.00"));
        PricingDecision dearest = price(exampleCart(), perUnit("HALF2",
                PerUnitDiscount.percentPerUnit(50).upTo(2).first(PerUnitDiscount.UnitOrder.MOST_EXPENSIVE_FIRST), null));
        assertThat(allocations(dearest.applied().get(0))).containsExactlyEntriesOf(Map.of("L1", "30.00"));
        PricingDecision four = price(exampleCart(), perUnit("HALF4",
                PerUnitDiscount.percentPerUnit(50).upTo(4).first(PerUnitDiscount.UnitOrder.MOST_EXPENSIVE_FIRST), null));
        assertThat(allocations(four.applied().get(0))).as("2 shoes, then the hat, then one of the socks")
                .containsExactlyInAnyOrderEntriesOf(Map.of("L1", "30.00", "L3", "12.50", "L2", "2.50"));
    }

    @Test
    void example14_oncePerOrderOnTheCheapestUnit() {
        PricingDecision once = price(exampleCart(), perUnit("ONEFREE", PerUnitDiscount.oncePerOrder(), null));
        assertThat(once.totalDiscount()).isEqualTo(eur("5.00"));
        assertThat(allocations(once.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "5.00"));
    }

    private static Coupon buyGet(String code, BuyXGetYDiscount discount, String qualifyingCategory) {
        CouponDefinition.Builder b = CouponDefinition.builder(code).discount(discount);
        if (qualifyingCategory != null) {
            b.eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of(qualifyingCategory))));
        }
        return active(b.build());
    }

    private static ProductScope category(String name) {
        return ProductScope.all().includingCategories(Category.of(name));
    }

    @Test
    void example15_buyTwoGetOneFreeOnTheSameItems() {
        PricingDecision socks = price(exampleCart(), buyGet("SOCKS3FOR2", BuyXGetYDiscount.free(2, 1, category("socks")), "socks"));
        assertThat(socks.totalDiscount()).isEqualTo(eur("5.00"));
        assertThat(allocations(socks.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "5.00"));
    }

    @Test
    void example16_buyShoesGetSocksAtMostTwice() {
        PricingDecision d = price(exampleCart(),
                buyGet("SHOESOCKS", BuyXGetYDiscount.free(1, 1, category("socks")).atMost(2), "shoes"));
        assertThat(d.totalDiscount()).as("2 shoes: 2 pairs of socks free").isEqualTo(eur("10.00"));
        assertThat(allocations(d.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "10.00"));
        PricingDecision once = price(exampleCart(),
                buyGet("SHOESOCKS", BuyXGetYDiscount.free(1, 1, category("socks")).atMost(1), "shoes"));
        assertThat(once.totalDiscount()).isEqualTo(eur("5.00"));
    }

    @Test
    void example17_buyTwoGetOneHalfPriceAcrossTheCartAUnitServesOnce() {
        PricingDecision d = price(exampleCart(), buyGet("B2G1HALF", BuyXGetYDiscount.percentOff(2, 1, ProductScope.all(), 50), null));
        // 6 units: (sock | shoe, shoe), (sock | hat, sock); nothing is left for a third set
        assertThat(d.totalDiscount()).isEqualTo(eur("5.00"));
        assertThat(allocations(d.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "5.00"));
        PricingDecision hats = price(exampleCart(), buyGet("HATS4", BuyXGetYDiscount.free(3, 1, category("hats")), "hats"));
        assertThat(hats.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MIN_QUANTITY_NOT_MET);
            assertThat(r.message()).isEqualTo("buy 3 qualifying items to get 1 of the reward's; the cart holds no complete set");
        });
    }

    private static Coupon fixedPrice(String code, FixedPriceDiscount discount, String category) {
        CouponDefinition.Builder b = CouponDefinition.builder(code).discount(discount);
        if (category != null) {
            b.eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of(category))));
        }
        return active(b.build());
    }

    @Test
    void example18_theItemsForOnePrice() {
        PricingDecision socks = price(exampleCart(), fixedPrice("SOCKS10", FixedPriceDiscount.orderFor(eur("10.00")), "socks"));
        assertThat(allocations(socks.applied().get(0))).containsExactlyEntriesOf(Map.of("L2", "5.00"));
        PricingDecision whole = price(exampleCart(), fixedPrice("ALL80", FixedPriceDiscount.orderFor(eur("80.00")), null));
        assertThat(whole.totalDiscount()).isEqualTo(eur("20.00"));
        assertThat(allocations(whole.applied().get(0))).containsExactlyInAnyOrderEntriesOf(
                Map.of("L1", "12.00", "L2", "3.00", "L3", "5.00"));
        PricingDecision cheaper = price(exampleCart(), fixedPrice("SOCKS20", FixedPriceDiscount.orderFor(eur("20.00")), "socks"));
        assertThat(cheaper.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MIN_ORDER_AMOUNT_NOT_MET);
            assertThat(r.message()).isEqualTo("qualifying items come to 15.00 EUR, not more than the fixed price 20.00 EUR");
        });
    }

    @Test
    void example19_setsOfUnitsForAPrice() {
        PricingDecision twoFor8 = price(exampleCart(), fixedPrice("SOCKS2FOR8", FixedPriceDiscount.setOf(2, eur("8.00")), "socks"));
        assertThat(allocations(twoFor8.applied().get(0))).as("one set of two pairs (10.00), the third pair at its price")
                .containsExactlyEntriesOf(Map.of("L2", "2.00"));
        PricingDecision threeFor12 = price(exampleCart(), fixedPrice("THREEFOR12", FixedPriceDiscount.setOf(3, eur("12.00")), null));
        // cheapest first: (5 + 5 + 5) and (25 + 30 + 30): 3.00 + 73.00 off
        assertThat(threeFor12.totalDiscount()).isEqualTo(eur("76.00"));
        assertThat(allocations(threeFor12.applied().get(0))).containsExactlyInAnyOrderEntriesOf(
                Map.of("L1", "45.60", "L2", "11.40", "L3", "19.00"));
        PricingDecision hats = price(exampleCart(), fixedPrice("HATS2", FixedPriceDiscount.setOf(2, eur("30.00")), "hats"));
        assertThat(hats.rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.MIN_QUANTITY_NOT_MET);
    }

    @Test
    void example20_oneAmountOverTheItemsAndShipping() {
        Coupon twenty = active(CouponDefinition.builder("SOCKS20").discount(OrderAndShippingDiscount.amountOff(eur("18.00")))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("socks"))))
                .build());
        PricingDecision d = price(exampleCart(), twenty);
        // the socks (15.00) and shipping (4.90) are 19.90 together: 18.00 spread by 1500 : 490
        AppliedCoupon applied = d.applied().get(0);
        assertThat(applied.amount()).isEqualTo(eur("18.00"));
        assertThat(allocations(applied)).containsExactlyEntriesOf(Map.of("L2", "13.57"));
        assertThat(applied.shippingDiscount()).isEqualTo(eur("4.43"));
        Coupon tenPercent = active(CouponDefinition.builder("ALL10").discount(OrderAndShippingDiscount.percentOff(10)).build());
        assertThat(price(exampleCart(), tenPercent).totalDiscount()).as("10 % of 104.90, rounded half up").isEqualTo(eur("10.49"));
    }

    @Test
    void aTieredDiscountThatCannotBeRightIsRefusedNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TieredDiscount.bySubtotal(
                        TieredDiscount.Tier.percentFromSubtotal(eur("30.00"), 15), TieredDiscount.Tier.percentFromSubtotal(eur("20.00"), 20)))
                .isInstanceOf(dev.couponkernel.spi.error.InvalidInputException.class)
                .hasMessageContaining("discount.tiers[1].fromSubtotal").hasMessageContaining("must be above the tier before's 30.00 EUR");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TieredDiscount.byQuantity(
                        TieredDiscount.Tier.percentFromQuantity(2, 10), TieredDiscount.Tier.amountFromQuantity(5, eur("5.00"))))
                .isInstanceOf(dev.couponkernel.spi.error.InvalidInputException.class)
                .hasMessageContaining("discount.tiers[1]").hasMessageContaining("every tier gives a percent, or every tier an amount");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TieredDiscount.byQuantity())
                .isInstanceOf(dev.couponkernel.spi.error.InvalidInputException.class).hasMessageContaining("1 to 20 tiers");
    }

    @Test
    void codesAreResolvedThroughALookup() {
        Map<String, Coupon> catalog = Map.of("SHOES20", SHOES20, "FIVEOFF", FIVEOFF);
        PricingDecision decision = ENGINE.price(PricingRequest.builder(exampleCart(), regular()).at(NOW)
                .codes(List.of(" shoes20", "NOPE-1", "nope-1"), code -> java.util.Optional.ofNullable(catalog.get(code.value())))
                .build());

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SHOES20");
        assertThat(decision.rejected()).extracting(RejectedCoupon::reason)
                .containsExactlyInAnyOrder(RejectionReason.UNKNOWN_CODE, RejectionReason.DUPLICATE_CODE);
    }

    @Test
    void example21_bestForTheCustomerAmongExclusiveCoupons() {
        Coupon tenOff = active(CouponDefinition.builder("TENOFF").percentOff(10)
                .stacking(StackingRule.exclusive(StackingClass.ORDER, 10)).build());
        Coupon vip = active(CouponDefinition.builder("VIP30").percentOff(30)
                .stacking(StackingRule.exclusive(StackingClass.ORDER, 0)).build());
        PricingRequest.Builder all = PricingRequest.builder(exampleCart(), regular()).at(NOW)
                .coupons(tenOff, vip, SHOES20, FIVEOFF, FREESHIP);

        PricingDecision byPriority = ENGINE.price(all.build());
        assertThat(byPriority.appliedCodes()).extracting(Object::toString).containsExactly("TENOFF");
        assertThat(byPriority.totalDiscount()).isEqualTo(eur("10.00"));

        PricingDecision best = ENGINE.price(all.selection(StackingSelection.BEST_FOR_CUSTOMER).build());
        assertThat(best.appliedCodes()).extracting(Object::toString).containsExactly("VIP30");
        assertThat(best.totalDiscount()).isEqualTo(eur("30.00"));
        assertThat(best.rejected()).extracting(r -> r.code().value()).containsExactly("FIVEOFF", "FREESHIP", "SHOES20", "TENOFF");
        assertThat(best.rejected()).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.NOT_COMBINABLE);
            assertThat(r.message()).isEqualTo("does not combine with VIP30, the choice best for the customer (30.00 EUR off)");
        });

        PricingDecision stacked = ENGINE.price(PricingRequest.builder(exampleCart(), regular()).at(NOW)
                .coupons(tenOff, SHOES20, FIVEOFF, FREESHIP).selection(StackingSelection.BEST_FOR_CUSTOMER).build());
        assertThat(stacked.appliedCodes()).extracting(Object::toString).containsExactly("SHOES20", "FIVEOFF", "FREESHIP");
        assertThat(stacked.totalDiscount()).isEqualTo(eur("21.90"));
        assertThat(stacked.rejected()).singleElement().satisfies(r -> assertThat(r.code().value()).isEqualTo("TENOFF"));

        // equal offers: the shop's priority decides
        Coupon tenOffLow = active(CouponDefinition.builder("TENEUR").amountOff(eur("10.00"))
                .stacking(StackingRule.exclusive(StackingClass.ORDER, -5)).build());
        PricingDecision tie = ENGINE.price(PricingRequest.builder(exampleCart(), regular()).at(NOW)
                .coupons(tenOffLow, tenOff).selection(StackingSelection.BEST_FOR_CUSTOMER).build());
        assertThat(tie.appliedCodes()).extracting(Object::toString).containsExactly("TENOFF");
    }
}
