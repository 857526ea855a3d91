package dev.couponkernel.core;

import static dev.couponkernel.core.Fixtures.NOW;
import static dev.couponkernel.core.Fixtures.active;
import static dev.couponkernel.core.Fixtures.eur;
import static dev.couponkernel.core.Fixtures.exampleCart;
import static dev.couponkernel.core.Fixtures.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.DiscountKind;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.HostCondition;
import dev.couponkernel.spi.coupon.HostDiscount;
import dev.couponkernel.spi.coupon.HostParameters;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.UnknownKindException;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Discount kinds and eligibility conditions a host registers, used like built-in ones, inside the engine's invariants. */
class HostKindsTest {

    private static final PricingEngine ENGINE = HostKinds.engine();

    private static Coupon host(String code, HostDiscount discount) {
        return active(CouponDefinition.builder(code).discount(discount).build());
    }

    private static PricingDecision price(PricingEngine engine, Customer customer, Coupon... coupons) {
        return engine.price(PricingRequest.builder(exampleCart(), customer).at(NOW).coupons(coupons).build());
    }

    private static Map<String, String> allocations(AppliedCoupon applied) {
        return applied.allocations().stream().collect(Collectors.toMap(a -> a.lineId().value(), a -> a.amount().amount().toPlainString()));
    }

    @Test
    void aHostKindPricesLikeABuiltInOne() {
        // the regular customer has had an account for a year: 3 % a year, at most 10 %
        Coupon loyal = host("LOYAL", HostDiscount.of("acme.loyalty-bonus", HostParameters.of("percentPerYear", "3", "maxPercent", "10")));

        PricingDecision decision = price(ENGINE, regular(), loyal);

        AppliedCoupon applied = decision.applied().get(0);
        assertThat(applied.discountType()).hasToString("HOST");
        assertThat(allocations(applied)).containsExactlyInAnyOrderEntriesOf(Map.of("L1", "1.80", "L2", "0.45", "L3", "0.75"));
        assertThat(applied.amount()).isEqualTo(eur("3.00"));
    }

    @Test
    void aHostKindWorksOnWhatEarlierCouponsLeftAndStacks() {
        Coupon shoes = active(CouponDefinition.builder("SHOES50").percentOff(50)
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
                .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 0)).build());
        Coupon save = active(CouponDefinition.builder("SAVE")
                .discount(new HostDiscount("acme.spend-and-save", CurrencyAmounts.of("discount.amounts", eur("2.00")), HostParameters.of("step", "25")))
                .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0)).build());

        PricingDecision decision = price(ENGINE, regular(), save, shoes);

        // 100.00 at list price is four steps of 25: 8.00, spread over what SHOES50 left (30 + 15 + 25)
        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SHOES50", "SAVE");
        AppliedCoupon applied = decision.applied().get(1);
        assertThat(applied.amount()).isEqualTo(eur("8.00"));
        assertThat(allocations(applied)).containsExactlyInAnyOrderEntriesOf(Map.of("L1", "3.43", "L2", "1.71", "L3", "2.86"));
        assertThat(decision.totalDiscount()).isEqualTo(eur("38.00"));
    }

    @Test
    void aGreedyKindIsClampedToWhatIsLeftAndNeverBelowZero() {
        Coupon fiveOff = active(CouponDefinition.builder("FIVEOFF").amountOff(eur("5.00"))
                .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 0)).build());
        Coupon greedy = active(CouponDefinition.builder("GREEDY").discount(HostDiscount.of("test.greedy", HostParameters.none()))
                .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0)).build());

        PricingDecision decision = price(ENGINE, regular(), greedy, fiveOff);

        assertThat(decision.totalDiscount()).isEqualTo(decision.totalBefore());
        assertThat(decision.totalAfter()).isEqualTo(eur("0.00"));
        assertThat(decision.applied().get(1).amount()).isEqualTo(eur("99.90")); // 104.90 less FIVEOFF's 5.00
        assertThat(decision.applied().get(1).shippingDiscount()).isEqualTo(eur("4.90"));
        assertThat(decision.lines()).allSatisfy(l -> assertThat(l.after().minorUnits()).isZero());
    }

    @Test
    void aKindThatTakesNothingIsRejectedAndAKindThatMisbehavesFailsNamingItself() {
        DiscountKind nothing = kind("test.nothing", (d, space) -> {});
        DiscountKind elsewhere = kind("test.elsewhere", (d, space) -> space.take(LineId.of("NOT-IN-CART"), eur("1.00")));
        DiscountKind negative = kind("test.negative", (d, space) -> space.take(space.lines().get(0).id(), eur("-1.00")));
        DiscountKind dollars = kind("test.dollars", (d, space) -> space.spread(Money.of("1.00", "USD")));
        PricingEngine engine = PricingEngine.builder().discountKind(nothing).discountKind(elsewhere).discountKind(negative)
                .discountKind(dollars).build();

        assertThat(price(engine, regular(), host("NOTHING", HostDiscount.of("test.nothing", HostParameters.none()))).rejected())
                .extracting(RejectedCoupon::reason).containsExactly(RejectionReason.NOTHING_TO_DISCOUNT);
        assertThatThrownBy(() -> price(engine, regular(), host("ELSEWHERE", HostDiscount.of("test.elsewhere", HostParameters.none()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the discount kind test.elsewhere failed on coupon ELSEWHERE: line NOT-IN-CART is not in the scope of coupon ELSEWHERE");
        assertThatThrownBy(() -> price(engine, regular(), host("NEGATIVE", HostDiscount.of("test.negative", HostParameters.none()))))
                .as("Money is never negative: the kind cannot even make the amount")
                .hasMessageContaining("test.negative failed on coupon NEGATIVE").hasMessageContaining("negative");
        assertThatThrownBy(() -> price(engine, regular(), host("DOLLARS", HostDiscount.of("test.dollars", HostParameters.none()))))
                .hasMessageContaining("an amount in USD for a cart in EUR");
    }

    @Test
    void aCouponOfAKindTheEngineDoesNotRegisterIsAnErrorNamingIt() {
        Coupon stray = host("STRAY", HostDiscount.of("acme.retired-kind", HostParameters.none()));
        assertThatThrownBy(() -> price(ENGINE, regular(), stray))
                .isInstanceOfSatisfying(UnknownKindException.class, e -> assertThat(e.kind()).isEqualTo("acme.retired-kind"))
                .hasMessageContaining("coupon STRAY uses the discount kind acme.retired-kind, which this kernel does not register");
        Coupon strayCondition = active(CouponDefinition.builder("STRAYC").percentOff(10)
                .eligibility(EligibilityRules.anyone().withConditions(HostCondition.of("acme.retired-condition"))).build());
        assertThatThrownBy(() -> price(PricingEngine.standard(), regular(), strayCondition))
                .isInstanceOf(UnknownKindException.class).hasMessageContaining("eligibility condition acme.retired-condition");
    }

    @Test
    void aHostConditionRejectsWithItsOwnReasonCode() {
        Coupon gold = active(CouponDefinition.builder("GOLD15").percentOff(15)
                .eligibility(EligibilityRules.anyone().withConditions(HostCondition.of("acme.loyalty-tier", "atLeast", "gold"))).build());

        PricingDecision regularCustomer = price(ENGINE, regular(), gold);
        assertThat(regularCustomer.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.CONDITION_NOT_MET);
            assertThat(r.hostReason()).contains("LOYALTY_TIER_TOO_LOW");
            assertThat(r.message()).isEqualTo("for gold members, customer u-1 is not one");
        });
        Customer goldCustomer = Customer.of("u-2", NOW.minusSeconds(86_400), 9, "gold");
        assertThat(price(ENGINE, goldCustomer, gold).appliedCodes()).extracting(CouponCode::value).containsExactly("GOLD15");
    }

    @Test
    void theKernelRefusesUnknownKindsAndBadSettingsBeforeWritingAnything() {
        InMemoryCouponStorage storage = InMemoryCouponStorage.create();
        CouponKernel kernel = CouponKernel.builder().storage(storage).carts(id -> Optional.of(exampleCart()))
                .customers(id -> Optional.of(regular()))
                .discountKind(HostKinds.LOYALTY).eligibilityCondition(HostKinds.LOYALTY_TIER).build();

        assertThatThrownBy(() -> kernel.create(CouponDefinition.builder("NOPE")
                .discount(HostDiscount.of("acme.unknown", HostParameters.none())).build(), Fixtures.STAFF))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("discount.kind"))
                .hasMessageContaining("registers [acme.loyalty-bonus]");
        assertThatThrownBy(() -> kernel.create(CouponDefinition.builder("BADPARAM")
                .discount(HostDiscount.of("acme.loyalty-bonus", HostParameters.of("percentPerYear", "lots", "maxPercent", "10"))).build(),
                Fixtures.STAFF))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("discount.parameters.percentPerYear"));
        assertThatThrownBy(() -> kernel.create(CouponDefinition.builder("BADTIER").percentOff(5)
                .eligibility(EligibilityRules.anyone().withConditions(HostCondition.of("acme.loyalty-tier", "atLeast", "platinum"))).build(),
                Fixtures.STAFF))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("eligibility.conditions[0].parameters.atLeast"));
        assertThat(storage.coupons().findByCode(CouponCode.parse("NOPE"))).isEmpty();
        assertThat(storage.coupons().findByCode(CouponCode.parse("BADPARAM"))).isEmpty();
        assertThat(storage.coupons().findByCode(CouponCode.parse("BADTIER"))).isEmpty();

        var loyal = kernel.create(CouponDefinition.builder("LOYAL")
                .discount(HostDiscount.of("acme.loyalty-bonus", HostParameters.of("percentPerYear", "3", "maxPercent", "10"))).build(), Fixtures.STAFF);
        kernel.activate(loyal.id(), Fixtures.STAFF);
        ApplyResult result = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "LOYAL"));
        assertThat(result.decision().totalDiscount()).isEqualTo(eur("3.00"));
        assertThat(result.usages()).hasSize(1);
    }

    @Test
    void namesAndParametersAreBounded() {
        assertThatThrownBy(() -> HostDiscount.of("Acme Kind", HostParameters.none()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("discount.kind"));
        assertThatThrownBy(() -> HostParameters.of("x".repeat(41), "1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HostParameters.of("note", "x".repeat(501)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parameters.note"));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 33; i++) {
            many.put("p" + i, "v");
        }
        assertThatThrownBy(() -> HostParameters.of(many)).hasMessageContaining("at most 32");
        HostCondition c = HostCondition.of("acme.loyalty-tier", "atLeast", "gold");
        assertThatThrownBy(() -> EligibilityRules.anyone().withConditions(c, c, c, c, c, c, c, c, c)).hasMessageContaining("at most 8");
        assertThatThrownBy(() -> PricingEngine.builder().discountKind(HostKinds.LOYALTY).discountKind(HostKinds.LOYALTY))
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> dev.couponkernel.core.eligibility.EligibilityOutcome.rejectedByHost("no spaces", "m"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(HostParameters.of("percent", "12.5").percentage("percent").basisPoints()).isEqualTo(1250);
        assertThatThrownBy(() -> HostParameters.none().integer("n", 0, 9))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parameters.n"));
    }

    @Test
    void extraPoliciesAndConditionsAddUp() {
        PricingEngine engine = PricingEngine.builder().eligibilityCondition(HostKinds.LOYALTY_TIER)
                .extraPolicy(c -> dev.couponkernel.core.eligibility.EligibilityOutcome.eligible())
                .extraPolicy(c -> c.coupon().code().value().startsWith("APP")
                        ? dev.couponkernel.core.eligibility.EligibilityOutcome.rejectedByHost("APP_ONLY", "in the app only")
                        : dev.couponkernel.core.eligibility.EligibilityOutcome.eligible())
                .build();
        Coupon appGold = active(CouponDefinition.builder("APPGOLD").percentOff(15)
                .eligibility(EligibilityRules.anyone().withConditions(HostCondition.of("acme.loyalty-tier", "atLeast", "silver"))).build());
        Customer silver = Customer.of("u-3", NOW.minusSeconds(86_400), 1, "silver");

        assertThat(price(engine, regular(), appGold).rejected()).extracting(r -> r.hostReason().orElseThrow())
                .as("the condition is asked before the extra policies").containsExactly("LOYALTY_TIER_TOO_LOW");
        assertThat(price(engine, silver, appGold).rejected()).extracting(r -> r.hostReason().orElseThrow()).containsExactly("APP_ONLY");
    }

    private static DiscountKind kind(String name, java.util.function.BiConsumer<HostDiscount, dev.couponkernel.core.pricing.DiscountSpace> apply) {
        return new DiscountKind() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void apply(HostDiscount discount, dev.couponkernel.core.pricing.DiscountSpace space) {
                apply.accept(discount, space);
            }
        };
    }

}
