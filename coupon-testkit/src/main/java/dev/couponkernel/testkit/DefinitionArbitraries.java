package dev.couponkernel.testkit;

import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.DiscountType;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.FixedPriceDiscount;
import dev.couponkernel.spi.coupon.OrderAndShippingDiscount;
import dev.couponkernel.spi.coupon.PerUnitDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated coupon definitions of every kind the SPI can express: each discount type (percent with
 * and without caps, fixed, shipping by percent and by amount), currency sets of one to four
 * currencies of different decimal places, scopes of sellers, SKUs and categories included and
 * excluded, minimum order amounts and quantities, first-order, segment and channel rules, exclusive
 * and stackable rules with any classes and priorities, open and closed validity periods, every
 * shape of limits, and host-defined discounts and conditions with any parameters. For the test kit's round-trip rules; a store's own tests may use them too.
 * Stateless and thread-safe.
 */
public final class DefinitionArbitraries {

    private static final List<Currency> CURRENCIES = List.of(Money.currency("EUR"), Money.currency("USD"),
            Money.currency("JPY"), Money.currency("BHD"));

    private DefinitionArbitraries() {}

    /** @return definitions of every kind, with codes unique within a sample of up to a million */
    public static Arbitrary<CouponDefinition> definitions() {
        Arbitrary<List<Currency>> currencies = Arbitraries.of(CURRENCIES).set().ofMaxSize(4).map(ArrayList::new);
        return currencies.flatMap(cs -> Combinators.combine(discount(cs), eligibility(cs), validity(), limits(),
                        Arbitraries.integers().between(-5, 5), Arbitraries.of(true, false), stackingClasses(),
                        Arbitraries.integers().between(0, 999_999))
                .as((discount, eligibility, validity, limits, priority, exclusive, with, n) -> {
                    StackingClass own = discount.type() == DiscountType.SHIPPING ? StackingClass.SHIPPING
                            : (n % 2 == 0 ? StackingClass.PRODUCT : StackingClass.ORDER);
                    StackingRule stacking = exclusive ? StackingRule.exclusive(own, priority)
                            : StackingRule.stackable(own, priority, with.toArray(StackingClass[]::new));
                    CouponDefinition d = new CouponDefinition(CouponCode.parse("RT" + n), discount, stacking, eligibility, validity,
                            limits, n % 5 == 0 ? dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER
                                    : dev.couponkernel.spi.coupon.ReinstatePolicy.NEVER);
                    if (n % 7 == 1) { // a campaign of unique codes, used at most n % 4 + 1 times each
                        return d.withCodes(dev.couponkernel.spi.coupon.CodeMode.UNIQUE).withLimits(limits.withPerCode(n % 4 + 1));
                    }
                    if (n % 3 != 0) {
                        return d;
                    }
                    // a budget in the currencies of the coupon's money settings (EUR when it has none)
                    Set<Currency> in = d.currencies().isEmpty() ? Set.of(Money.currency("EUR")) : d.currencies();
                    return new CouponDefinition(d.code(), discount, stacking, eligibility, validity,
                            limits.withBudget(in.stream().map(c -> Money.ofMinor(1_000_000L + n, c)).toArray(Money[]::new)),
                            d.reinstatePolicy());
                }));
    }

    private static Arbitrary<Set<StackingClass>> stackingClasses() {
        return Arbitraries.of(StackingClass.class).set().ofMinSize(1).map(s -> (Set<StackingClass>) EnumSet.copyOf(s));
    }

    private static Arbitrary<Money> money(Currency c) {
        int digits = c.getDefaultFractionDigits();
        return Arbitraries.longs().between(1, 10_000_000L).map(minor -> Money.ofMinor(minor, c))
                .edgeCases(e -> e.add(Money.ofMinor(1, c)).add(Money.ofMinor(digits == 0 ? 1 : 10 * digits, c)));
    }

    private static Arbitrary<CurrencyAmounts> amounts(List<Currency> cs) {
        if (cs.isEmpty()) {
            return Arbitraries.just(CurrencyAmounts.none());
        }
        List<Arbitrary<Money>> each = cs.stream().map(DefinitionArbitraries::money).toList();
        return Combinators.combine(each).as(list -> CurrencyAmounts.of("amounts", list));
    }

    private static Arbitrary<Discount> discount(List<Currency> cs) {
        Arbitrary<Percentage> percent = Arbitraries.integers().between(1, 10_000).map(Percentage::ofBasisPoints);
        List<Arbitrary<Discount>> kinds = new ArrayList<>();
        kinds.add(Combinators.combine(percent, amounts(cs)).as(PercentDiscount::new));
        kinds.add(percent.map(p -> (Discount) new ShippingDiscount(p, CurrencyAmounts.none())));
        if (!cs.isEmpty()) {
            kinds.add(amounts(cs).map(a -> (Discount) new FixedDiscount(a)));
            kinds.add(amounts(cs).map(a -> (Discount) new ShippingDiscount(null, a)));
        } else {
            kinds.add(Arbitraries.just(Discount.percent(Percentage.of(10))));
        }
        kinds.add(tiered(cs, percent));
        kinds.add(perUnit(cs, percent));
        kinds.add(buyXGetY(cs, percent));
        kinds.add(percent.map(p -> (Discount) new OrderAndShippingDiscount(java.util.Optional.of(p), CurrencyAmounts.none())));
        if (!cs.isEmpty()) {
            kinds.add(Combinators.combine(Arbitraries.integers().between(0, 1_000), amounts(cs))
                    .as((units, prices) -> (Discount) new FixedPriceDiscount(units, prices)));
            kinds.add(amounts(cs).map(a -> (Discount) new OrderAndShippingDiscount(java.util.Optional.empty(), a)));
        }
        kinds.add(Combinators.combine(hostKindNames(), amounts(cs), hostParameters())
                .as((kind, a, p) -> (Discount) new dev.couponkernel.spi.coupon.HostDiscount(kind, a, p)));
        return Arbitraries.oneOf(kinds);
    }

    /** Kind names as hosts write them: words of letters and digits joined by {@code . - _}. */
    private static Arbitrary<String> hostKindNames() {
        return Arbitraries.of("acme.loyalty-bonus", "spend_and_save", "x", "shop.v2.bundle-9", "a".repeat(64));
    }

    /** Up to five parameters with any printable text, including non-Latin letters and quotes. */
    private static Arbitrary<dev.couponkernel.spi.coupon.HostParameters> hostParameters() {
        Arbitrary<String> names = Arbitraries.of("percent", "step", "maxPercent", "note", "tier_2", "a");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("10", "12.5", "gold", "\"quoted\" \\ back", "Grüße 🎁", " padded "),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(500));
        return Arbitraries.maps(names, values).ofMaxSize(5).map(dev.couponkernel.spi.coupon.HostParameters::of);
    }

    /** Buy X get Y: any quantities, a reward scope, a percentage or (with currencies) an amount, repeating or capped. */
    private static Arbitrary<Discount> buyXGetY(List<Currency> cs, Arbitrary<Percentage> percent) {
        Arbitrary<java.util.OptionalInt> max = Arbitraries.oneOf(Arbitraries.just(java.util.OptionalInt.empty()),
                Arbitraries.integers().between(1, 1_000_000).map(java.util.OptionalInt::of));
        Arbitrary<CurrencyAmounts> reward = cs.isEmpty() ? Arbitraries.just(CurrencyAmounts.none())
                : Arbitraries.oneOf(Arbitraries.just(CurrencyAmounts.none()), amounts(cs));
        return Combinators.combine(Arbitraries.integers().between(1, 1_000), Arbitraries.integers().between(1, 1_000), scope(),
                        percent, reward, max)
                .as((buy, get, scope, p, amounts, m) -> new BuyXGetYDiscount(buy, get, scope,
                        amounts.isEmpty() ? java.util.Optional.of(p) : java.util.Optional.empty(), amounts, m));
    }

    /** Per-unit discounts: a percentage, or (with currencies) an amount, on every unit or on at most some, in either order. */
    private static Arbitrary<Discount> perUnit(List<Currency> cs, Arbitrary<Percentage> percent) {
        Arbitrary<java.util.OptionalInt> max = Arbitraries.oneOf(Arbitraries.just(java.util.OptionalInt.empty()),
                Arbitraries.integers().between(1, PerUnitDiscount.MAX_UNITS).map(java.util.OptionalInt::of));
        Arbitrary<PerUnitDiscount.UnitOrder> order = Arbitraries.of(PerUnitDiscount.UnitOrder.class);
        Arbitrary<Discount> percents = Combinators.combine(percent, max, order)
                .as((p, m, o) -> new PerUnitDiscount(java.util.Optional.of(p), CurrencyAmounts.none(), m, o));
        if (cs.isEmpty()) {
            return percents;
        }
        Arbitrary<Discount> fixed = Combinators.combine(amounts(cs), max, order)
                .as((a, m, o) -> new PerUnitDiscount(java.util.Optional.empty(), a, m, o));
        return Arbitraries.oneOf(percents, fixed);
    }

    /** Tiered discounts: by quantity with percentages, and (with currencies) by subtotal with percentages or amounts. */
    private static Arbitrary<Discount> tiered(List<Currency> cs, Arbitrary<Percentage> percent) {
        Arbitrary<List<Long>> steps = Arbitraries.longs().between(0, 100_000).set().ofMinSize(1).ofMaxSize(4)
                .map(set -> set.stream().sorted().toList());
        Arbitrary<Discount> byQuantity = Combinators.combine(steps, percent.list().ofSize(4)).as((st, ps) -> {
            List<TieredDiscount.Tier> tiers = new ArrayList<>();
            for (int i = 0; i < st.size(); i++) {
                tiers.add(new TieredDiscount.Tier(st.get(i), CurrencyAmounts.none(), java.util.Optional.of(ps.get(i)),
                        CurrencyAmounts.none()));
            }
            return new TieredDiscount(TieredDiscount.Basis.QUANTITY, tiers);
        });
        if (cs.isEmpty()) {
            return byQuantity;
        }
        Arbitrary<Discount> bySubtotal = Combinators.combine(steps, percent.list().ofSize(4), amounts(cs).list().ofSize(4),
                Arbitraries.of(true, false)).as((st, ps, offs, percents) -> {
                    List<TieredDiscount.Tier> tiers = new ArrayList<>();
                    for (int i = 0; i < st.size(); i++) {
                        long from = st.get(i);
                        // a threshold of 0 is the base tier, which has none
                        CurrencyAmounts thresholds = from == 0 ? CurrencyAmounts.none() : CurrencyAmounts.of("fromSubtotal",
                                cs.stream().map(c -> dev.couponkernel.spi.value.Money.ofMinor(from, c)).toList());
                        tiers.add(new TieredDiscount.Tier(0, thresholds,
                                percents ? java.util.Optional.of(ps.get(i)) : java.util.Optional.empty(),
                                percents ? CurrencyAmounts.none() : offs.get(i)));
                    }
                    return new TieredDiscount(TieredDiscount.Basis.SUBTOTAL, tiers);
                });
        return Arbitraries.oneOf(byQuantity, bySubtotal);
    }

    private static Arbitrary<Set<String>> names(String prefix) {
        return Arbitraries.integers().between(0, 40).map(i -> prefix + i).set().ofMaxSize(4);
    }

    private static Arbitrary<ProductScope> scope() {
        return Combinators.combine(names("seller-"), names("SKU-IN-"), names("cat-in-"), names("SKU-OUT-"), names("cat-out-"))
                .as((sellers, skus, cats, xskus, xcats) -> ProductScope.all()
                        .onlySellers(sellers.stream().map(SellerId::of).toArray(SellerId[]::new))
                        .includingSkus(skus.stream().map(Sku::of).toArray(Sku[]::new))
                        .includingCategories(cats.stream().map(Category::of).toArray(Category[]::new))
                        .excludingSkus(xskus.stream().map(Sku::of).toArray(Sku[]::new))
                        .excludingCategories(xcats.stream().map(Category::of).toArray(Category[]::new)));
    }

    private static Arbitrary<EligibilityRules> eligibility(List<Currency> cs) {
        Arbitrary<CurrencyAmounts> minimum = cs.isEmpty() ? Arbitraries.just(CurrencyAmounts.none())
                : Arbitraries.oneOf(Arbitraries.just(CurrencyAmounts.none()), amounts(cs));
        return Combinators.combine(scope(), minimum, Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
                        names("seg-"), names("chan-"),
                        Combinators.combine(hostKindNames(), hostParameters()).as(dev.couponkernel.spi.coupon.HostCondition::new)
                                .list().ofMaxSize(3))
                .as((scope, min, quantity, first, segments, channels, conditions) -> {
                    EligibilityRules r = EligibilityRules.anyone().withScope(scope)
                            .withMinOrderAmount(min.values().toArray(Money[]::new)).withMinQuantity(quantity)
                            .forSegments(segments.stream().map(Segment::of).toArray(Segment[]::new))
                            .forChannels(channels.stream().map(Channel::of).toArray(Channel[]::new))
                            .withConditions(conditions.toArray(dev.couponkernel.spi.coupon.HostCondition[]::new));
                    return first ? r.forFirstOrderOnly() : r;
                });
    }

    private static Arbitrary<ValidityPeriod> validity() {
        Arbitrary<Long> days = Arbitraries.longs().between(-3_000, 3_000);
        return Combinators.combine(days, Arbitraries.longs().between(0, 400_000), Arbitraries.of(true, false))
                .as((from, lengthMinutes, open) -> {
                    java.time.Instant start = StorageFixture.T0.plus(Duration.ofDays(from)).plusSeconds(from * 37);
                    return open ? ValidityPeriod.startingAt(start)
                            : ValidityPeriod.between(start, start.plus(Duration.ofMinutes(lengthMinutes + 1)));
                });
    }

    private static Arbitrary<UsageLimits> limits() {
        Arbitrary<Long> n = Arbitraries.longs().between(1, 1_000_000);
        return Arbitraries.oneOf(Arbitraries.just(UsageLimits.unlimited()), n.map(UsageLimits::total),
                n.map(UsageLimits::perUser),
                Combinators.combine(n, n).as((a, b) -> UsageLimits.of(Math.max(a, b), Math.min(a, b))));
    }
}
