package dev.couponkernel.core;

import static dev.couponkernel.core.Fixtures.NOW;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for money, carts, customers and coupons, shrinking toward small, simple cases. */
public final class PricingArbitraries {

    public static final List<Currency> CURRENCIES =
            List.of(Money.currency("EUR"), Money.currency("USD"), Money.currency("JPY"));
    private static final List<String> SKUS = List.of("A", "B", "C", "D", "E");
    private static final List<String> SELLERS = List.of("s1", "s2", "s3");
    private static final List<String> CATEGORIES = List.of("c1", "c2", "c3");

    private PricingArbitraries() {}

    public static Arbitrary<Currency> currencies() {
        return Arbitraries.of(CURRENCIES);
    }

    /** Amounts up to 100 000 minor units, with zero and small values often. */
    public static Arbitrary<Money> money(Currency currency) {
        return Arbitraries.longs().between(0, 100_000).edgeCases(c -> c.includeOnly(0L, 1L, 99L))
                .map(minor -> Money.ofMinor(minor, currency));
    }

    public static Arbitrary<Money> positiveMoney(Currency currency) {
        return Arbitraries.longs().between(1, 20_000).map(minor -> Money.ofMinor(minor, currency));
    }

    public static Arbitrary<Cart> carts() {
        return currencies().flatMap(PricingArbitraries::carts);
    }

    public static Arbitrary<Cart> carts(Currency currency) {
        Arbitrary<List<CartLine>> lines = Combinators.combine(
                        Arbitraries.of(SKUS),
                        Arbitraries.of(SELLERS),
                        Arbitraries.subsetOf(CATEGORIES),
                        money(currency),
                        Arbitraries.integers().between(1, 20))
                .as((sku, seller, categories, price, quantity) -> new Object[] {sku, seller, categories, price, quantity})
                .list().ofMinSize(1).ofMaxSize(8)
                .map(raw -> {
                    List<CartLine> result = new ArrayList<>();
                    for (int i = 0; i < raw.size(); i++) {
                        Object[] r = raw.get(i);
                        @SuppressWarnings("unchecked")
                        Set<String> categories = (Set<String>) r[2];
                        result.add(new CartLine(
                                LineId.of("L" + i), Sku.of((String) r[0]), SellerId.of((String) r[1]),
                                categories.stream().map(Category::of).collect(Collectors.toSet()),
                                (Money) r[3], (Integer) r[4]));
                    }
                    return result;
                });
        return Combinators.combine(lines, money(currency)).as((l, shipping) -> new Cart(currency, l, shipping));
    }

    public static Arbitrary<Customer> customers() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 3),
                        Arbitraries.subsetOf("vip", "regular", "silver", "gold"),
                        Arbitraries.integers().between(1, 6 * 365))
                .as((orders, segments, days) -> Customer.of("u-1", NOW.minusSeconds(86_400L * days), orders, segments.toArray(String[]::new)));
    }

    private static Arbitrary<CurrencyAmounts> amounts(String field) {
        return Arbitraries.subsetOf(CURRENCIES).ofMinSize(1).flatMap(currencies -> {
            List<Arbitrary<Money>> each = currencies.stream().map(PricingArbitraries::positiveMoney).toList();
            return Combinators.combine(each).as(list -> CurrencyAmounts.of(field, list));
        });
    }

    public static Arbitrary<Discount> discounts() {
        Arbitrary<Percentage> percents = Arbitraries.integers().between(1, 10_000)
                .edgeCases(c -> c.includeOnly(1, 10_000)).map(Percentage::ofBasisPoints);
        Arbitrary<Discount> percent = Combinators.combine(percents, Arbitraries.of(true, false), amounts("caps"))
                .as((p, capped, caps) -> new PercentDiscount(p, capped ? caps : CurrencyAmounts.none()));
        Arbitrary<Discount> fixed = amounts("amounts").map(dev.couponkernel.spi.coupon.FixedDiscount::new);
        Arbitrary<Discount> shipping = Arbitraries.oneOf(
                percents.map(ShippingDiscount::percentOff),
                amounts("amounts").map(a -> new ShippingDiscount(null, a)));
        Arbitrary<java.util.OptionalInt> max = Arbitraries.oneOf(Arbitraries.just(java.util.OptionalInt.empty()),
                Arbitraries.integers().between(1, 6).map(java.util.OptionalInt::of));
        Arbitrary<Discount> perUnit = Combinators.combine(percents, amounts("amounts"), Arbitraries.of(true, false), max,
                        Arbitraries.of(dev.couponkernel.spi.coupon.PerUnitDiscount.UnitOrder.class))
                .as((p, a, byPercent, m, o) -> new dev.couponkernel.spi.coupon.PerUnitDiscount(
                        byPercent ? java.util.Optional.of(p) : java.util.Optional.empty(), byPercent ? CurrencyAmounts.none() : a, m, o));
        Arbitrary<Discount> buyGet = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                        Arbitraries.of(dev.couponkernel.spi.coupon.ProductScope.all(),
                                dev.couponkernel.spi.coupon.ProductScope.all().includingCategories(
                                        dev.couponkernel.spi.value.Category.of(CATEGORIES.get(0)))),
                        percents, amounts("amounts"), Arbitraries.of(true, false), max)
                .as((buy, get, scope, p, a, byPercent, m) -> new dev.couponkernel.spi.coupon.BuyXGetYDiscount(buy, get, scope,
                        byPercent ? java.util.Optional.of(p) : java.util.Optional.empty(), byPercent ? CurrencyAmounts.none() : a, m));
        Arbitrary<Discount> fixedPrice = Combinators.combine(Arbitraries.integers().between(0, 4), amounts("prices"))
                .as(dev.couponkernel.spi.coupon.FixedPriceDiscount::new);
        Arbitrary<Discount> orderAndShipping = Arbitraries.oneOf(
                percents.map(p -> new dev.couponkernel.spi.coupon.OrderAndShippingDiscount(java.util.Optional.of(p), CurrencyAmounts.none())),
                amounts("amounts").map(a -> new dev.couponkernel.spi.coupon.OrderAndShippingDiscount(java.util.Optional.empty(), a)));
        // kinds a host registers (HostKinds.engine()): a deliberately greedy one, a loyalty bonus, spend and save
        Arbitrary<Discount> host = Arbitraries.oneOf(
                Arbitraries.just(dev.couponkernel.spi.coupon.HostDiscount.of("test.greedy",
                        dev.couponkernel.spi.coupon.HostParameters.none())),
                Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(5, 40))
                        .as((perYear, most) -> dev.couponkernel.spi.coupon.HostDiscount.of("acme.loyalty-bonus",
                                dev.couponkernel.spi.coupon.HostParameters.of("percentPerYear", perYear.toString(), "maxPercent", most.toString()))),
                Combinators.combine(amounts("amounts"), Arbitraries.of("10", "25", "50"))
                        .as((a, step) -> new dev.couponkernel.spi.coupon.HostDiscount("acme.spend-and-save", a,
                                dev.couponkernel.spi.coupon.HostParameters.of("step", step))));
        return Arbitraries.oneOf(percent, fixed, shipping, tiered(percents), perUnit, buyGet, fixedPrice, orderAndShipping, host);
    }

    /** Tiered by quantity (percentages) and by subtotal (percentages or amounts), thresholds that carts reach or miss. */
    private static Arbitrary<Discount> tiered(Arbitrary<Percentage> percents) {
        Arbitrary<Discount> byQuantity = Arbitraries.longs().between(0, 12).set().ofMinSize(1).ofMaxSize(4)
                .flatMap(steps -> percents.list().ofSize(steps.size()).map(ps -> {
                    List<Long> st = steps.stream().sorted().toList();
                    List<dev.couponkernel.spi.coupon.TieredDiscount.Tier> tiers = new java.util.ArrayList<>();
                    for (int i = 0; i < st.size(); i++) {
                        tiers.add(new dev.couponkernel.spi.coupon.TieredDiscount.Tier(st.get(i), CurrencyAmounts.none(),
                                java.util.Optional.of(ps.get(i)), CurrencyAmounts.none()));
                    }
                    return (Discount) dev.couponkernel.spi.coupon.TieredDiscount.byQuantity(
                            tiers.toArray(dev.couponkernel.spi.coupon.TieredDiscount.Tier[]::new));
                }));
        Arbitrary<Discount> bySubtotal = Combinators.combine(Arbitraries.longs().between(0, 20_000).set().ofMinSize(1).ofMaxSize(4),
                        amounts("amounts"), Arbitraries.of(true, false), percents)
                .as((steps, off, percent, p) -> {
                    List<Long> st = steps.stream().sorted().toList();
                    List<dev.couponkernel.spi.coupon.TieredDiscount.Tier> tiers = new java.util.ArrayList<>();
                    for (int i = 0; i < st.size(); i++) {
                        long from = st.get(i);
                        CurrencyAmounts thresholds = from == 0 ? CurrencyAmounts.none() : CurrencyAmounts.of("fromSubtotal",
                                off.currencies().stream().map(c -> Money.ofMinor(from, c)).toList());
                        tiers.add(new dev.couponkernel.spi.coupon.TieredDiscount.Tier(0, thresholds,
                                percent ? java.util.Optional.of(p) : java.util.Optional.empty(),
                                percent ? CurrencyAmounts.none() : off));
                    }
                    return (Discount) new dev.couponkernel.spi.coupon.TieredDiscount(
                            dev.couponkernel.spi.coupon.TieredDiscount.Basis.SUBTOTAL, tiers);
                });
        return Arbitraries.oneOf(byQuantity, bySubtotal);
    }

    public static Arbitrary<StackingRule> stackingRules(boolean shipping) {
        Arbitrary<StackingClass> classes = shipping
                ? Arbitraries.just(StackingClass.SHIPPING)
                : Arbitraries.of(StackingClass.PRODUCT, StackingClass.ORDER);
        Arbitrary<Set<StackingClass>> partners = Arbitraries.subsetOf(StackingClass.values()).ofMinSize(1);
        return Combinators.combine(classes, Arbitraries.integers().between(0, 9), partners, Arbitraries.integers().between(-2, 2))
                .as((cls, exclusiveDie, with, priority) -> exclusiveDie < 2
                        ? StackingRule.exclusive(cls, priority)
                        : StackingRule.stackable(cls, priority, with.toArray(StackingClass[]::new)));
    }

    public static Arbitrary<ProductScope> scopes() {
        return Arbitraries.oneOf(
                Arbitraries.just(ProductScope.all()),
                Arbitraries.of(SELLERS).map(s -> ProductScope.all().onlySellers(SellerId.of(s))),
                Arbitraries.of(SKUS).map(s -> ProductScope.all().includingSkus(Sku.of(s))),
                Arbitraries.of(CATEGORIES).map(c -> ProductScope.all().includingCategories(Category.of(c))),
                Arbitraries.of(CATEGORIES).map(c -> ProductScope.all().excludingCategories(Category.of(c))));
    }

    private static Arbitrary<ValidityPeriod> validities() {
        return Arbitraries.integers().between(-3, 3).flatMap(startHours -> Arbitraries.integers().between(1, 6)
                .map(length -> ValidityPeriod.between(
                        NOW.plusSeconds(startHours * 3600L), NOW.plusSeconds((startHours + length) * 3600L))));
    }

    /** Active coupons with random rules; code and id derive from {@code index}. */
    public static Arbitrary<Coupon> coupons(int index) {
        return discounts().flatMap(discount -> Combinators.combine(
                        stackingRules(discount instanceof ShippingDiscount),
                        scopes(),
                        Arbitraries.of(true, false),
                        validities(),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.of("", "", "", "silver", "gold"))
                .as((stacking, scope, withMinimum, validity, limit, tier) -> {
                    EligibilityRules rules = EligibilityRules.anyone().withScope(scope);
                    if (!tier.isEmpty()) {
                        rules = rules.withConditions(dev.couponkernel.spi.coupon.HostCondition.of("acme.loyalty-tier", "atLeast", tier));
                    }
                    if (withMinimum && discount.currencies().isEmpty()) {
                        rules = rules.withMinOrderAmount(Money.of("1", "EUR"));
                    }
                    CouponDefinition definition = new CouponDefinition(
                            CouponCode.parse("CODE" + index), discount, stacking, rules, validity,
                            UsageLimits.total(limit));
                    return Fixtures.active(definition);
                }));
    }

    public static Arbitrary<List<Coupon>> couponLists() {
        return Arbitraries.integers().between(0, 5).flatMap(n -> {
            List<Arbitrary<Coupon>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                each.add(coupons(i));
            }
            return n == 0 ? Arbitraries.just(List.<Coupon>of()) : Combinators.combine(each).as(List::copyOf);
        });
    }

    /** Usage counts for coupon ids CODE0..CODE4, up to 6 uses each. */
    public static Arbitrary<java.util.Map<CouponId, UsageCount>> usage() {
        return Arbitraries.integers().between(0, 6).list().ofSize(5).map(counts -> {
            java.util.Map<CouponId, UsageCount> map = new java.util.HashMap<>();
            for (int i = 0; i < counts.size(); i++) {
                map.put(CouponId.of("c-CODE" + i), new UsageCount(counts.get(i), 0));
            }
            return map;
        });
    }

}
