package dev.couponkernel.jackson;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.eligibility.UsageCounts;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.core.fraud.FraudVerdict;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Currency;
import java.util.stream.Collectors;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.PerUnitDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every type the module maps, with awkward text and extreme numbers included. */
public final class WireArbitraries {

    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY", "BHD");

    private WireArbitraries() {}

    public static Arbitrary<Currency> currencies() {
        return Arbitraries.of(CURRENCIES).map(Money::currency);
    }

    public static Arbitrary<Money> smallMoney(Currency currency) {
        return Arbitraries.longs().between(0, 100_000).map(minor -> Money.ofMinor(minor, currency));
    }

    public static Arbitrary<Cart> carts() {
        return currencies().flatMap(currency -> {
            Arbitrary<CartLine> line = Combinators.combine(idText(), idText(), idText(), idText().set().ofMaxSize(3),
                            smallMoney(currency), Arbitraries.integers().between(1, 50))
                    .as((id, sku, seller, categories, price, quantity) -> new CartLine(LineId.of(id), Sku.of(sku),
                            SellerId.of(seller), categories.stream().map(Category::of).collect(Collectors.toSet()), price, quantity));
            Arbitrary<List<CartLine>> lines = line.list().ofMinSize(1).ofMaxSize(6)
                    .uniqueElements(CartLine::id);
            return Combinators.combine(lines, smallMoney(currency)).as((l, shipping) -> new Cart(currency, l, shipping));
        });
    }

    public static Arbitrary<Customer> customers() {
        return Combinators.combine(idText(), instants(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        idText().set().ofMaxSize(3))
                .as((id, created, orders, segments) -> new Customer(UserId.of(id), created, orders,
                        segments.stream().map(Segment::of).collect(Collectors.toSet())));
    }

    private static Arbitrary<CurrencyAmounts> amounts(String field) {
        return Arbitraries.subsetOf(CURRENCIES).ofMinSize(1).flatMap(codes -> {
            List<Arbitrary<Money>> each = codes.stream()
                    .map(code -> Arbitraries.longs().between(1, 1_000_000).map(m -> Money.ofMinor(m, Money.currency(code))))
                    .toList();
            return Combinators.combine(each).as(list -> CurrencyAmounts.of(field, list));
        });
    }

    public static Arbitrary<Discount> discounts() {
        Arbitrary<Percentage> percents = Arbitraries.integers().between(1, 10_000).map(Percentage::ofBasisPoints);
        Arbitrary<Discount> percent = Combinators.combine(percents, Arbitraries.of(true, false), amounts("caps"))
                .as((p, capped, caps) -> new PercentDiscount(p, capped ? caps : CurrencyAmounts.none()));
        Arbitrary<Discount> fixed = amounts("amounts").map(FixedDiscount::new);
        Arbitrary<Discount> shipping = Arbitraries.oneOf(percents.map(ShippingDiscount::percentOff),
                amounts("amounts").map(a -> new ShippingDiscount(null, a)));
        Arbitrary<List<Long>> steps = Arbitraries.longs().between(0, 1_000_000).set().ofMinSize(1).ofMaxSize(5)
                .map(set -> set.stream().sorted().toList());
        Arbitrary<Discount> byQuantity = Combinators.combine(steps, percents.list().ofSize(5)).as((st, ps) -> {
            List<TieredDiscount.Tier> tiers = new java.util.ArrayList<>();
            for (int i = 0; i < st.size(); i++) {
                tiers.add(new TieredDiscount.Tier(st.get(i), CurrencyAmounts.none(), java.util.Optional.of(ps.get(i)),
                        CurrencyAmounts.none()));
            }
            return new TieredDiscount(TieredDiscount.Basis.QUANTITY, tiers);
        });
        Arbitrary<Discount> bySubtotal = Combinators.combine(steps, amounts("amounts")).as((st, off) -> {
            List<TieredDiscount.Tier> tiers = new java.util.ArrayList<>();
            for (int i = 0; i < st.size(); i++) {
                long from = st.get(i);
                CurrencyAmounts thresholds = from == 0 ? CurrencyAmounts.none() : CurrencyAmounts.of("fromSubtotal",
                        off.currencies().stream().map(c -> Money.ofMinor(from, c)).toList());
                tiers.add(new TieredDiscount.Tier(0, thresholds, java.util.Optional.empty(), off));
            }
            return new TieredDiscount(TieredDiscount.Basis.SUBTOTAL, tiers);
        });
        Arbitrary<java.util.OptionalInt> max = Arbitraries.oneOf(Arbitraries.just(java.util.OptionalInt.empty()),
                Arbitraries.integers().between(1, PerUnitDiscount.MAX_UNITS).map(java.util.OptionalInt::of));
        Arbitrary<Discount> perUnit = Combinators.combine(percents, amounts("amounts"), Arbitraries.of(true, false), max,
                        Arbitraries.of(PerUnitDiscount.UnitOrder.class))
                .as((p, a, byPercent, m, o) -> new PerUnitDiscount(byPercent ? java.util.Optional.of(p) : java.util.Optional.empty(),
                        byPercent ? CurrencyAmounts.none() : a, m, o));
        Arbitrary<Discount> buyGet = Combinators.combine(Arbitraries.integers().between(1, 1_000), Arbitraries.integers().between(1, 1_000),
                        scopes(), percents, amounts("amounts"), Arbitraries.of(true, false), max)
                .as((buy, get, scope, p, a, byPercent, m) -> new dev.couponkernel.spi.coupon.BuyXGetYDiscount(buy, get, scope,
                        byPercent ? java.util.Optional.of(p) : java.util.Optional.empty(), byPercent ? CurrencyAmounts.none() : a, m));
        Arbitrary<Discount> fixedPrice = Combinators.combine(Arbitraries.integers().between(0, 1_000), amounts("prices"))
                .as(dev.couponkernel.spi.coupon.FixedPriceDiscount::new);
        Arbitrary<Discount> orderAndShipping = Arbitraries.oneOf(
                percents.map(p -> new dev.couponkernel.spi.coupon.OrderAndShippingDiscount(java.util.Optional.of(p), CurrencyAmounts.none())),
                amounts("amounts").map(a -> new dev.couponkernel.spi.coupon.OrderAndShippingDiscount(java.util.Optional.empty(), a)));
        // the host kind of HOST_ENGINE, with any parameters
        Arbitrary<Discount> host = Combinators.combine(amounts("amounts"), Arbitraries.of(true, false),
                        Arbitraries.maps(Arbitraries.of("percent", "note", "tier_2"), idText()).ofMaxSize(3))
                .as((a, withAmounts, extra) -> {
                    java.util.Map<String, String> p = new java.util.TreeMap<>(extra);
                    p.put("percent", "10");
                    return new dev.couponkernel.spi.coupon.HostDiscount("test.tenth", withAmounts ? a : CurrencyAmounts.none(),
                            dev.couponkernel.spi.coupon.HostParameters.of(p));
                });
        return Arbitraries.oneOf(percent, fixed, shipping, byQuantity, bySubtotal, perUnit, buyGet, fixedPrice, orderAndShipping, host);
    }

    /**
     * An engine with a host kind ({@code test.tenth}: its {@code percent} of each line, on what is
     * left) and a host condition ({@code test.segment}: the customer is in the segment {@code in},
     * else {@code NOT_IN_SEGMENT}), so that decisions hold host coupons and host reasons.
     */
    public static final PricingEngine HOST_ENGINE = PricingEngine.builder()
            .discountKind(new dev.couponkernel.core.pricing.DiscountKind() {
                @Override
                public String name() {
                    return "test.tenth";
                }

                @Override
                public void apply(dev.couponkernel.spi.coupon.HostDiscount d, dev.couponkernel.core.pricing.DiscountSpace space) {
                    int bp = d.parameters().percentage("percent").basisPoints();
                    for (dev.couponkernel.core.pricing.DiscountSpace.Line line : space.lines()) {
                        space.take(line.id(), Money.ofMinor(java.math.BigInteger.valueOf(line.left().minorUnits())
                                .multiply(java.math.BigInteger.valueOf(bp)).divide(java.math.BigInteger.valueOf(10_000)).longValueExact(),
                                space.currency()));
                    }
                }
            })
            .eligibilityCondition(new dev.couponkernel.core.eligibility.EligibilityCondition() {
                @Override
                public String name() {
                    return "test.segment";
                }

                @Override
                public EligibilityOutcome evaluate(dev.couponkernel.spi.coupon.HostCondition c, dev.couponkernel.core.eligibility.Candidate candidate) {
                    return candidate.context().customer().segments().contains(Segment.of(c.parameters().text("in")))
                            ? EligibilityOutcome.eligible()
                            : EligibilityOutcome.rejectedByHost("NOT_IN_SEGMENT", "not in " + c.parameters().text("in"));
                }
            })
            .build();

    public static Arbitrary<StackingRule> stackingRules(Discount discount) {
        Arbitrary<StackingClass> classes = discount instanceof ShippingDiscount
                ? Arbitraries.just(StackingClass.SHIPPING) : Arbitraries.of(StackingClass.PRODUCT, StackingClass.ORDER);
        return Combinators.combine(classes, Arbitraries.of(true, false), Arbitraries.subsetOf(StackingClass.values()).ofMinSize(1),
                        Arbitraries.integers().between(-100, 100))
                .as((cls, exclusive, with, priority) -> exclusive ? StackingRule.exclusive(cls, priority)
                        : StackingRule.stackable(cls, priority, with.toArray(StackingClass[]::new)));
    }

    public static Arbitrary<ProductScope> scopes() {
        return Combinators.combine(idText().set().ofMaxSize(2), idText().set().ofMaxSize(2), idText().set().ofMaxSize(2),
                        idText().set().ofMaxSize(2), idText().set().ofMaxSize(2))
                .as((sellers, skus, categories, exSkus, exCategories) -> new ProductScope(
                        sellers.stream().map(SellerId::of).collect(Collectors.toSet()),
                        skus.stream().map(Sku::of).collect(Collectors.toSet()),
                        categories.stream().map(Category::of).collect(Collectors.toSet()),
                        exSkus.stream().filter(s -> !skus.contains(s)).map(Sku::of).collect(Collectors.toSet()),
                        exCategories.stream().filter(c -> !categories.contains(c)).map(Category::of).collect(Collectors.toSet())));
    }

    /** Active coupons in a small id and code space, for pricing requests. */
    public static Arbitrary<Coupon> coupons(int index) {
        return Combinators.combine(definitions(), Arbitraries.longs().between(0, 9))
                .as((d, version) -> Coupon.fromRecord(new CouponRecord(CouponId.of("c-" + index),
                        new CouponDefinition(CouponCode.parse("CODE" + index), d.discount(), d.stacking(), d.eligibility(),
                                d.validity(), d.limits(), d.reinstatePolicy(), d.codes()),
                        CouponStatus.ACTIVE, version, NOW.minusSeconds(3600), NOW.minusSeconds(60))));
    }

    public static Arbitrary<List<Coupon>> couponLists() {
        return Arbitraries.integers().between(0, 4).flatMap(n -> {
            if (n == 0) {
                return Arbitraries.just(List.<Coupon>of());
            }
            List<Arbitrary<Coupon>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                each.add(coupons(i));
            }
            return Combinators.combine(each).as(List::copyOf);
        });
    }

    public static Arbitrary<java.util.Map<CouponId, UsageCount>> usage() {
        return Arbitraries.integers().between(0, 6).list().ofSize(4).map(counts -> {
            java.util.Map<CouponId, UsageCount> map = new java.util.HashMap<>();
            for (int i = 0; i < counts.size(); i++) {
                map.put(CouponId.of("c-" + i), new UsageCount(counts.get(i), Math.min(1, counts.get(i))));
            }
            return map;
        });
    }

    /** Text an id may hold: quotes, backslashes, non-ASCII and emoji included, no control characters. */
    public static Arbitrary<String> idText() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().withChars("\"\\/'<>&;{}[]é€😀 -_").ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(12))
                .filter(s -> !s.isBlank() && s.chars().noneMatch(Character::isISOControl) && !hasLoneSurrogate(s));
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)))
                .edgeCases(c -> c.add(NOW));
    }

    public static Arbitrary<Money> money() {
        return Arbitraries.of("EUR", "USD", "JPY", "BHD", "CHF").flatMap(code -> Arbitraries.longs().between(0, Long.MAX_VALUE)
                .edgeCases(c -> c.includeOnly(0L, 1L, Long.MAX_VALUE)).map(minor -> Money.ofMinor(minor, Money.currency(code))));
    }

    public static Arbitrary<CouponCode> codes() {
        return Arbitraries.strings().withChars("ABCXYZ0189-_").ofMinLength(3).ofMaxLength(32).map(CouponCode::parse);
    }

    private static final java.util.Currency EUR_CURRENCY = java.util.Currency.getInstance("EUR");

    public static Arbitrary<UsageLimits> limits() {
        Arbitrary<OptionalLong> total = Arbitraries.longs().between(1, Long.MAX_VALUE).optional()
                .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
        return Combinators.combine(total, Arbitraries.longs().between(1, 50).optional()).as((t, u) -> {
            OptionalLong perUser = u.isPresent() && (t.isEmpty() || u.get() <= t.getAsLong())
                    ? OptionalLong.of(u.get()) : OptionalLong.empty();
            return UsageLimits.of(t, perUser);
        });
    }

    public static Arbitrary<ValidityPeriod> validities() {
        return Combinators.combine(instants(), Arbitraries.longs().between(1, 10_000_000).optional())
                .as((from, length) -> new ValidityPeriod(from, length.map(from::plusSeconds).orElse(null)));
    }

    public static Arbitrary<CouponDefinition> definitions() {
        return discounts().flatMap(discount -> Combinators.combine(stackingRules(discount), scopes(), codes(), limits(),
                        validities(), Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
                        Arbitraries.subsetOf("vip", "new", "émigré"))
                .as((stacking, scope, code, limits, validity, minQuantity, first, segments) -> {
                    EligibilityRules rules = EligibilityRules.anyone().withScope(scope).withMinQuantity(minQuantity)
                            .forSegments(segments.stream().map(Segment::of).toArray(Segment[]::new))
                            .forChannels(Channel.of("web"));
                    if (first) {
                        rules = rules.forFirstOrderOnly();
                    }
                    if (minQuantity == 4) {
                        rules = rules.withConditions(dev.couponkernel.spi.coupon.HostCondition.of("test.segment", "in", "vip"));
                    }
                    if (minQuantity % 2 == 1) { // a minimum order in every currency the discount names, or in EUR
                        rules = rules.withMinOrderAmount(discount.currencies().isEmpty()
                                ? new Money[] {Money.of("10.00", "EUR")}
                                : discount.currencies().stream().map(c -> Money.ofMinor(1000 + minQuantity, c)).toArray(Money[]::new));
                    }
                    UsageLimits held = limits;
                    if (minQuantity == 2) { // a budget in every currency the discount names, or in EUR
                        held = limits.withBudget(discount.currencies().isEmpty()
                                ? new Money[] {Money.of("500.00", "EUR")}
                                : discount.currencies().stream().map(c -> Money.ofMinor(50_000, c)).toArray(Money[]::new));
                    }
                    boolean campaign = minQuantity == 3; // a campaign of single-use codes
                    return new CouponDefinition(code, discount, stacking, rules, validity,
                            campaign ? held.withPerCode(1) : held,
                            first ? dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER
                                    : dev.couponkernel.spi.coupon.ReinstatePolicy.NEVER,
                            campaign ? dev.couponkernel.spi.coupon.CodeMode.UNIQUE : dev.couponkernel.spi.coupon.CodeMode.SHARED);
                }));
    }

    public static Arbitrary<CouponRecord> records() {
        return Combinators.combine(idText(), definitions(), Arbitraries.of(CouponStatus.class),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), instants(), Arbitraries.longs().between(0, 1_000_000))
                .as((id, d, status, version, created, later) ->
                        new CouponRecord(CouponId.of(id), d, status, version, created, created.plusSeconds(later)));
    }

    public static Arbitrary<PricingRequest> pricingRequests() {
        return Combinators.combine(carts(), customers(), couponLists(),
                        usage(), codes().list().ofMaxSize(2), Arbitraries.of("web", "app").optional(),
                        Arbitraries.integers().between(1, 9), Arbitraries.of(dev.couponkernel.core.pricing.StackingSelection.class))
                .as((cart, customer, coupons, usage, unknown, channel, max, selection) -> {
                    PricingRequest.Builder b = PricingRequest.builder(cart, customer).at(NOW).coupons(coupons)
                            .usage(UsageCounts.of(usage)).maxCoupons(max).selection(selection)
                            .codes(unknown.stream().map(CouponCode::value).toList(), c -> Optional.empty());
                    channel.ifPresent(ch -> b.channel(Channel.of(ch)));
                    return b.build();
                });
    }

    public static Arbitrary<PricingDecision> decisions() {
        return pricingRequests().map(HOST_ENGINE::price);
    }

    public static Arbitrary<UsageRecord> usages() {
        return Combinators.combine(idText(), idText(), codes(), idText(), idText(), instants(), Arbitraries.integers().between(0, 3),
                        idText())
                .as((id, coupon, code, user, checkout, at, state, order) -> {
                    String reason = "released: " + order;
                    UsageRecord locked = new UsageRecord(UsageId.of(id), CouponId.of(coupon), code, UserId.of(user),
                            CheckoutId.of(checkout), dev.couponkernel.spi.store.UsageStatus.LOCKED, at, at.plusSeconds(900),
                            null, null, null, null, order.length() % 2 == 0 ? null : Money.ofMinor(order.length() * 101L, EUR_CURRENCY));
                    return switch (state) {
                        case 0 -> locked;
                        case 1 -> locked.redeemed(OrderId.of(order), at.plusSeconds(60));
                        case 2 -> locked.redeemed(OrderId.of(order), at.plusSeconds(60)).reinstated(at.plusSeconds(3600));
                        default -> locked.released(reason, at.plusSeconds(60));
                    };
                });
    }

    public static boolean isText(String s) {
        return !s.isBlank() && s.chars().noneMatch(Character::isISOControl) && !hasLoneSurrogate(s);
    }

    public static Arbitrary<ApplyResult> applyResults() {
        return Combinators.combine(idText(), decisions(), usages().list().ofMaxSize(3), verdicts().list().ofMaxSize(2))
                .as((checkout, decision, usages, fraud) -> new ApplyResult(CheckoutId.of(checkout), decision, usages, fraud));
    }

    public static Arbitrary<ClientInfo> clients() {
        return Combinators.combine(idText().injectNull(0.3), idText().injectNull(0.3), idText().injectNull(0.3))
                .as(ClientInfo::new);
    }

    public static Arbitrary<ApplyRequest> applyRequests() {
        return Combinators.combine(idText(), idText(), idText(), Arbitraries.strings().ofMaxLength(40).list().ofMinSize(1).ofMaxSize(4),
                        idText().optional(), clients())
                .as((checkout, user, cart, codes, channel, client) -> new ApplyRequest(CheckoutId.of(checkout), UserId.of(user),
                        CartId.of(cart), codes, channel.map(Channel::of).orElse(null), client));
    }

    public static Arbitrary<ValidateRequest> validateRequests() {
        return applyRequests().map(a -> new ValidateRequest(a.userId(), a.cartId(), a.codes(), a.channel(), a.client()));
    }

    public static Arbitrary<FraudSignal> signals() {
        return Combinators.combine(Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.").ofMinLength(1)
                        .ofMaxLength(20), Arbitraries.integers().between(0, 100),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(60).filter(WireArbitraries::isText))
                .as(FraudSignal::new);
    }

    public static Arbitrary<FraudVerdict> verdicts() {
        return Combinators.combine(Arbitraries.strings().ofMaxLength(20), Arbitraries.integers().between(0, 100),
                        Arbitraries.of(FraudDecision.class), signals().list().ofMaxSize(3))
                .as((code, score, decision, signals) -> new FraudVerdict(code, FraudScore.of(score), decision, signals));
    }

    public static Arbitrary<RedeemResult> redeemResults() {
        return Combinators.combine(Arbitraries.of(RedeemResult.Status.class), usages().list().ofMaxSize(3)).as(RedeemResult::new);
    }

    public static Arbitrary<ReleaseResult> releaseResults() {
        return Combinators.combine(Arbitraries.of(ReleaseResult.Status.class), usages().list().ofMaxSize(3)).as(ReleaseResult::new);
    }

    public static Arbitrary<dev.couponkernel.spi.store.ReinstateResult> reinstateResults() {
        return Combinators.combine(Arbitraries.of(dev.couponkernel.spi.store.ReinstateResult.Status.class),
                usages().list().ofMaxSize(3)).as(dev.couponkernel.spi.store.ReinstateResult::new);
    }

    public static Arbitrary<CouponEvent> events() {
        Arbitrary<String> reason = Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(WireArbitraries::isText);
        return Combinators.combine(idText(), codes(), instants(), idText().map(Actor::of), Arbitraries.integers().between(0, 11),
                        usages(), reason, Combinators.combine(limits(), signals().list().ofMaxSize(3),
                                Arbitraries.integers().between(0, 100), Arbitraries.of(AlertLevel.class), Arbitraries.of(AttemptKind.class),
                                Arbitraries.of(true, false)).as(List::of))
                .as((id, code, at, actor, kind, u, why, more) -> {
                    UsageLimits limits = (UsageLimits) more.get(0);
                    @SuppressWarnings("unchecked")
                    List<FraudSignal> signals = (List<FraudSignal>) more.get(1);
                    FraudScore score = FraudScore.of((Integer) more.get(2));
                    CouponId c = CouponId.of(id);
                    return switch (kind) {
                        case 0 -> new CouponCreated(c, code, at, actor);
                        case 1 -> new CouponActivated(c, code, at, actor);
                        case 2 -> new CouponDisabled(c, code, at, actor, why);
                        case 3 -> new CouponLimitsChanged(c, code, at, actor, limits);
                        case 4 -> new CouponApplied(c, code, at, actor, u.id(), u.userId(), u.checkoutId(), at.plusSeconds(900));
                        case 5 -> new CouponRedeemed(c, code, at, actor, u.id(), u.userId(), u.checkoutId(), OrderId.of(why));
                        case 6 -> new CouponRejected(c, code, at, actor, u.userId(), (AttemptKind) more.get(4),
                                RejectionReason.SUSPECTED_FRAUD, score, signals);
                        case 7 -> new SecurityAlertRaised(c, code, at, actor, (AlertLevel) more.get(3),
                                (Boolean) more.get(5) ? u.userId() : null, score, signals, why);
                        case 8 -> new dev.couponkernel.spi.event.CouponReinstated(c, code, at, actor, u.id(), u.userId(),
                                u.checkoutId(), OrderId.of(why), why);
                        case 10 -> new dev.couponkernel.spi.event.CouponCodesAdded(c, code, at, actor, why,
                                (Integer) more.get(2) * 10_000L);
                        case 11 -> new dev.couponkernel.spi.event.CouponCodeVoided(c, code, at, actor, why);
                        default -> new CouponReleased(c, code, at, actor, u.id(), u.userId(), u.checkoutId(), why);
                    };
                });
    }

    public static Arbitrary<EventEnvelope> envelopes() {
        return Combinators.combine(idText(), Arbitraries.longs().between(1, Long.MAX_VALUE), instants(), events())
                .as(EventEnvelope::new);
    }

    public static Arbitrary<AuditEntry> auditEntries() {
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), events(), instants())
                .as((seq, event, at) -> AuditEntry.describing(seq, event, at, AuditChain.GENESIS));
    }

    public static Arbitrary<AuditVerification> verifications() {
        return Combinators.combine(idText(), Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 2),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(WireArbitraries::isText))
                .as((id, n, kind, problem) -> switch (kind) {
                    case 0 -> AuditVerification.intact(CouponId.of(id), n);
                    case 1 -> AuditVerification.broken(CouponId.of(id), n, n + 1L, problem);
                    default -> AuditVerification.truncated(CouponId.of(id), n, problem);
                });
    }

    public static Arbitrary<EligibilityOutcome> eligibilityOutcomes() {
        return Arbitraries.oneOf(Arbitraries.just(EligibilityOutcome.eligible()),
                Combinators.combine(Arbitraries.of(RejectionReason.class).filter(r -> r != RejectionReason.CONDITION_NOT_MET),
                                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(WireArbitraries::isText))
                        .as(EligibilityOutcome::rejected),
                Combinators.combine(Arbitraries.of("LOYALTY_TIER_TOO_LOW", "b2b.only", "x"),
                                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(WireArbitraries::isText))
                        .as(EligibilityOutcome::rejectedByHost));
    }

    public static Arbitrary<UsageCount> usageCounts() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE)
                .flatMap(total -> Arbitraries.longs().between(0, total).map(byUser -> new UsageCount(total, byUser)));
    }

    /** A sample of every kind, for the fuzz property. */
    public static List<Arbitrary<?>> all() {
        List<Arbitrary<?>> all = new ArrayList<>();
        all.add(money());
        all.add(definitions());
        all.add(records());
        all.add(pricingRequests());
        all.add(decisions());
        all.add(applyRequests());
        all.add(applyResults());
        all.add(events());
        all.add(envelopes());
        return all;
    }
}
