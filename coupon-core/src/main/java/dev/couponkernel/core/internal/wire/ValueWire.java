package dev.couponkernel.core.internal.wire;

import dev.couponkernel.spi.internal.wire.WireForm;

import dev.couponkernel.spi.internal.wire.JsonSink;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
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
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writers and readers for the value objects, coupons and carts. Every reader is strict: these are
 * closed shapes, and an unknown field is a mistake. Stateless.
 */
public final class ValueWire {

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private ValueWire() {}

    // ---- scalars ----

    /** Writes an optional instant field, omitted when null. */
    static void instant(JsonSink g, String field, Instant at) throws IOException {
        if (at != null) {
            g.field(field, at.toString());
        }
    }

    static void texts(JsonSink g, String field, Collection<?> values, Function<Object, String> text) throws IOException {
        g.arrayField(field);
        for (Object v : values) {
            g.string(text.apply(v));
        }
        g.endArray();
    }

    /** Writes a set of string-valued ids sorted, so equal sets always give equal JSON. */
    static void sortedTexts(JsonSink g, String field, Set<?> values, Function<Object, String> text) throws IOException {
        String[] sorted = values.stream().map(text).sorted().toArray(String[]::new);
        texts(g, field, Arrays.asList(sorted), Object::toString);
    }

    static <T> Set<T> textSet(JsonIn in, String field, Function<String, T> parse) throws WireReadException {
        List<T> list = in.list(field, e -> e.asText(parse));
        Set<T> set = new LinkedHashSet<>(list);
        if (set.size() != list.size()) {
            throw in.fieldError(field, "lists a value twice");
        }
        return set;
    }

    // ---- money ----

    /** Writes money as {@code {"amount": "12.34", "currency": "EUR"}}. */
    public static void money(JsonSink g, Money m) throws IOException {
        WireForm.money(g, m);
    }

    static void money(JsonSink g, String field, Money m) throws IOException {
        g.name(field);
        money(g, m);
    }

    /** Reads money: the amount a decimal string, never a JSON number; the currency an ISO 4217 code. */
    public static Money money(JsonIn in) throws WireReadException {
        in.object();
        if (in.node().has("amount") && in.node().get("amount").isNumber()) {
            throw in.fieldError("amount",
                    "must be a decimal string such as \"12.34\", not a JSON number (" + in.node().get("amount").asText()
                            + "): binary numbers lose cents");
        }
        Currency currency = in.text("currency", ValueWire::currency);
        Money m = in.text("amount", amount -> {
            if (amount.length() > 40) {
                throw new IllegalArgumentException("has " + amount.length() + " characters; no amount of money needs more than 40");
            }
            if (!DECIMAL.matcher(amount).matches()) {
                throw new IllegalArgumentException("'" + amount
                        + "' is not a plain decimal such as \"12.34\" (no exponent, sign only '-', no spaces)");
            }
            return Money.of(new BigDecimal(amount), currency);
        });
        in.noOtherFields();
        return m;
    }

    private static Currency currency(String code) {
        if (!CURRENCY.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 code (three capital letters such as EUR)");
        }
        return Money.currency(code);
    }

    static Money money(JsonIn in, String field) throws WireReadException {
        return money(in.obj(field));
    }

    static void amounts(JsonSink g, String field, CurrencyAmounts amounts) throws IOException {
        WireForm.amounts(g, field, amounts);
    }

    static CurrencyAmounts amounts(JsonIn in, String field) throws WireReadException {
        List<Money> list = in.optionalList(field, ValueWire::money);
        return in.build(() -> CurrencyAmounts.of(field, list));
    }

    /** Parses a percentage such as "12.5", refusing exponents and absurd lengths before any arithmetic. */
    static Percentage percentage(String raw) {
        if (raw.length() > 12 || !DECIMAL.matcher(raw).matches()) {
            throw new IllegalArgumentException("'" + (raw.length() > 12 ? raw.substring(0, 12) + "..." : raw)
                    + "' is not a percentage such as \"12.5\" (a plain decimal, at most two decimal places)");
        }
        return Percentage.of(raw);
    }

    static String percent(Percentage p) {
        return WireForm.percent(p);
    }

    // ---- limits, validity ----

    /** Writes usage limits; an absent limit is left out. */
    public static void limits(JsonSink g, UsageLimits l) throws IOException {
        WireForm.limits(g, l);
    }

    /** Reads usage limits. */
    public static UsageLimits limits(JsonIn in) throws WireReadException {
        in.object();
        var total = in.optionalInteger("maxTotalUses");
        var perUser = in.optionalInteger("maxUsesPerUser");
        CurrencyAmounts budget = amounts(in, "budget");
        var perCode = in.optionalInteger("maxUsesPerCode");
        UsageLimits l = in.build(() -> UsageLimits.of(
                total.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()),
                perUser.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty())).withBudget(budget)
                .withPerCode(perCode.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty())));
        in.noOtherFields();
        return l;
    }

    /** Writes a validity period; an open end is left out. */
    public static void validity(JsonSink g, ValidityPeriod v) throws IOException {
        WireForm.validity(g, v);
    }

    /** Reads a validity period. */
    public static ValidityPeriod validity(JsonIn in) throws WireReadException {
        Instant from = in.instant("validFrom");
        Instant until = in.optionalInstant("validUntil").orElse(null);
        ValidityPeriod v = in.build(() -> new ValidityPeriod(from, until));
        in.noOtherFields();
        return v;
    }

    /** Writes usage counts. */
    public static void usageCount(JsonSink g, UsageCount c) throws IOException {
        g.startObject();
        g.field("total", c.total());
        g.field("byUser", c.byUser());
        g.endObject();
    }

    /** Reads usage counts. */
    public static UsageCount usageCount(JsonIn in) throws WireReadException {
        long total = in.integer("total");
        long byUser = in.integer("byUser");
        UsageCount c = in.build(() -> new UsageCount(total, byUser));
        in.noOtherFields();
        return c;
    }

    // ---- coupons ----

    /** Writes a discount with its {@code type}: PERCENT, FIXED, SHIPPING, TIERED, PER_UNIT or BUY_X_GET_Y. */
    public static void discount(JsonSink g, Discount d) throws IOException {
        WireForm.discount(g, d);
    }

    /** Reads a discount by its {@code type}. */
    public static Discount discount(JsonIn in) throws WireReadException {
        DiscountType type = in.text("type", raw -> enumValue(DiscountType.class, raw));
        Discount d = switch (type) {
            case PERCENT -> {
                Percentage p = in.text("percent", ValueWire::percentage);
                CurrencyAmounts caps = amounts(in, "caps");
                yield in.build(() -> new PercentDiscount(p, caps));
            }
            case FIXED -> {
                CurrencyAmounts amounts = amounts(in, "amounts");
                yield in.build(() -> new FixedDiscount(amounts));
            }
            case SHIPPING -> {
                Percentage p = in.optionalText("percent", ValueWire::percentage).orElse(null);
                CurrencyAmounts amounts = amounts(in, "amounts");
                yield in.build(() -> new ShippingDiscount(p, amounts));
            }
            case PER_UNIT -> {
                Optional<Percentage> p = in.optionalText("percent", ValueWire::percentage);
                CurrencyAmounts amounts = amounts(in, "amounts");
                java.util.OptionalInt max = in.optionalInt32("maxUnits");
                PerUnitDiscount.UnitOrder order = in.text("unitOrder", raw -> enumValue(PerUnitDiscount.UnitOrder.class, raw));
                yield in.build(() -> new PerUnitDiscount(p, amounts, max, order));
            }
            case ORDER_AND_SHIPPING -> {
                Optional<Percentage> p = in.optionalText("percent", ValueWire::percentage);
                CurrencyAmounts amounts = amounts(in, "amounts");
                yield in.build(() -> new OrderAndShippingDiscount(p, amounts));
            }
            case FIXED_PRICE -> {
                int units = in.int32("units");
                CurrencyAmounts prices = amounts(in, "prices");
                yield in.build(() -> new FixedPriceDiscount(units, prices));
            }
            case BUY_X_GET_Y -> {
                int buy = in.int32("buyQuantity");
                int get = in.int32("getQuantity");
                ProductScope rewardScope = scope(in.obj("rewardScope"));
                Optional<Percentage> p = in.optionalText("percent", ValueWire::percentage);
                CurrencyAmounts amounts = amounts(in, "amounts");
                java.util.OptionalInt max = in.optionalInt32("maxApplications");
                yield in.build(() -> new BuyXGetYDiscount(buy, get, rewardScope, p, amounts, max));
            }
            case TIERED -> {
                TieredDiscount.Basis basis = in.text("basis", raw -> enumValue(TieredDiscount.Basis.class, raw));
                List<TieredDiscount.Tier> tiers = in.list("tiers", t -> tier(t, basis));
                yield in.build(() -> new TieredDiscount(basis, tiers));
            }
            case HOST -> {
                String kind = in.text("kind");
                CurrencyAmounts amounts = amounts(in, "amounts");
                dev.couponkernel.spi.coupon.HostParameters parameters = parameters(in.obj("parameters"));
                yield in.build(() -> new dev.couponkernel.spi.coupon.HostDiscount(kind, amounts, parameters));
            }
        };
        in.noOtherFields();
        return d;
    }

    private static TieredDiscount.Tier tier(JsonIn in, TieredDiscount.Basis basis) throws WireReadException {
        in.object();
        long fromQuantity = basis == TieredDiscount.Basis.QUANTITY ? in.integer("fromQuantity") : 0;
        CurrencyAmounts fromSubtotal = basis == TieredDiscount.Basis.SUBTOTAL ? amounts(in, "fromSubtotal") : CurrencyAmounts.none();
        Optional<Percentage> percent = in.optionalText("percent", ValueWire::percentage);
        CurrencyAmounts amounts = amounts(in, "amounts");
        TieredDiscount.Tier tier = in.build(() -> new TieredDiscount.Tier(fromQuantity, fromSubtotal, percent, amounts));
        in.noOtherFields();
        return tier;
    }

    /** Reads a host kind's parameters: an object of texts, at most as many as HostParameters allows. */
    static dev.couponkernel.spi.coupon.HostParameters parameters(JsonIn in) throws WireReadException {
        if (in.node().size() > dev.couponkernel.spi.coupon.HostParameters.MAX_PARAMETERS) {
            throw in.error("holds " + in.node().size() + " parameters, at most "
                    + dev.couponkernel.spi.coupon.HostParameters.MAX_PARAMETERS + " are allowed");
        }
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        for (java.util.Iterator<String> names = in.node().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            values.put(name, in.text(name));
        }
        return in.build(() -> new dev.couponkernel.spi.coupon.HostParameters(values));
    }

    /** Writes a stacking rule. */
    public static void stacking(JsonSink g, StackingRule s) throws IOException {
        WireForm.stacking(g, s);
    }

    /** Reads a stacking rule. */
    public static StackingRule stacking(JsonIn in) throws WireReadException {
        StackingClass cls = in.text("stackingClass", raw -> enumValue(StackingClass.class, raw));
        boolean exclusive = in.bool("exclusive");
        Set<StackingClass> with = textSet(in, "combinesWith", raw -> enumValue(StackingClass.class, raw));
        int priority = in.int32("priority");
        StackingRule s = in.build(() -> new StackingRule(cls, exclusive, with, priority));
        in.noOtherFields();
        return s;
    }

    /** Writes a product scope; every list is written, sorted. */
    public static void scope(JsonSink g, ProductScope s) throws IOException {
        WireForm.scope(g, s);
    }

    /** Reads a product scope. */
    public static ProductScope scope(JsonIn in) throws WireReadException {
        Set<SellerId> sellers = textSet(in, "sellers", SellerId::of);
        Set<Sku> skus = textSet(in, "includedSkus", Sku::of);
        Set<Category> categories = textSet(in, "includedCategories", Category::of);
        Set<Sku> exSkus = textSet(in, "excludedSkus", Sku::of);
        Set<Category> exCategories = textSet(in, "excludedCategories", Category::of);
        ProductScope s = in.build(() -> new ProductScope(sellers, skus, categories, exSkus, exCategories));
        in.noOtherFields();
        return s;
    }

    /** Writes eligibility rules. */
    public static void eligibility(JsonSink g, EligibilityRules e) throws IOException {
        WireForm.eligibility(g, e);
    }

    /** Reads eligibility rules. */
    public static EligibilityRules eligibility(JsonIn in) throws WireReadException {
        ProductScope scope = scope(in.obj("scope"));
        CurrencyAmounts min = amounts(in, "minOrderAmount");
        int minQuantity = in.int32("minQuantity");
        boolean firstOrderOnly = in.bool("firstOrderOnly");
        Set<Segment> segments = textSet(in, "segments", Segment::of);
        Set<Channel> channels = textSet(in, "channels", Channel::of);
        dev.couponkernel.spi.internal.wire.JsonTree listed = in.node().get("conditions");
        if (listed != null && listed.isArray() && listed.size() > EligibilityRules.MAX_CONDITIONS) {
            // refused before any element is read
            throw in.fieldError("conditions", "holds " + listed.size() + " conditions, at most "
                    + EligibilityRules.MAX_CONDITIONS + " are allowed");
        }
        List<dev.couponkernel.spi.coupon.HostCondition> conditions = in.optionalList("conditions", c -> {
            c.object();
            String kind = c.text("kind");
            dev.couponkernel.spi.coupon.HostParameters parameters = parameters(c.obj("parameters"));
            dev.couponkernel.spi.coupon.HostCondition condition =
                    c.build(() -> new dev.couponkernel.spi.coupon.HostCondition(kind, parameters));
            c.noOtherFields();
            return condition;
        });
        EligibilityRules e = in.build(() -> new EligibilityRules(scope, min, minQuantity, firstOrderOnly, segments, channels, conditions));
        in.noOtherFields();
        return e;
    }

    /** Writes a coupon definition. */
    public static void definition(JsonSink g, CouponDefinition d) throws IOException {
        WireForm.definition(g, d);
    }

    /** Reads a coupon definition. */
    public static CouponDefinition definition(JsonIn in) throws WireReadException {
        CouponCode code = in.text("code", CouponCode::parse);
        Discount discount = discount(in.obj("discount"));
        StackingRule stacking = stacking(in.obj("stacking"));
        EligibilityRules eligibility = eligibility(in.obj("eligibility"));
        ValidityPeriod validity = validity(in.obj("validity"));
        UsageLimits limits = limits(in.obj("limits"));
        dev.couponkernel.spi.coupon.ReinstatePolicy reinstate = in.optionalText("reinstatePolicy",
                raw -> enumValue(dev.couponkernel.spi.coupon.ReinstatePolicy.class, raw))
                .orElse(dev.couponkernel.spi.coupon.ReinstatePolicy.NEVER);
        dev.couponkernel.spi.coupon.CodeMode codes = in.optionalText("codes",
                raw -> enumValue(dev.couponkernel.spi.coupon.CodeMode.class, raw))
                .orElse(dev.couponkernel.spi.coupon.CodeMode.SHARED);
        CouponDefinition d = in.build(() -> new CouponDefinition(code, discount, stacking, eligibility, validity, limits,
                reinstate, codes));
        in.noOtherFields();
        return d;
    }

    /** Writes a stored coupon. */
    public static void record(JsonSink g, CouponRecord r) throws IOException {
        g.startObject();
        g.field("id", r.id().value());
        g.name("definition");
        definition(g, r.definition());
        g.field("status", r.status().name());
        g.field("version", r.version());
        g.field("createdAt", r.createdAt().toString());
        g.field("updatedAt", r.updatedAt().toString());
        g.endObject();
    }

    /** Reads a stored coupon; unknown fields at its own level are tolerated (it is a result). */
    public static CouponRecord record(JsonIn in) throws WireReadException {
        CouponId id = in.text("id", CouponId::of);
        CouponDefinition definition = definition(in.obj("definition"));
        CouponStatus status = in.text("status", raw -> enumValue(CouponStatus.class, raw));
        long version = in.integer("version");
        Instant created = in.instant("createdAt");
        Instant updated = in.instant("updatedAt");
        return in.build(() -> new CouponRecord(id, definition, status, version, created, updated));
    }

    // ---- carts ----

    /** Writes a cart line. */
    public static void line(JsonSink g, CartLine l) throws IOException {
        g.startObject();
        g.field("id", l.id().value());
        g.field("sku", l.sku().value());
        g.field("seller", l.seller().value());
        sortedTexts(g, "categories", l.categories(), o -> ((Category) o).value());
        money(g, "unitPrice", l.unitPrice());
        g.field("quantity", l.quantity());
        g.endObject();
    }

    /** Reads a cart line. */
    public static CartLine line(JsonIn in) throws WireReadException {
        LineId id = in.text("id", LineId::of);
        Sku sku = in.text("sku", Sku::of);
        SellerId seller = in.text("seller", SellerId::of);
        Set<Category> categories = textSet(in, "categories", Category::of);
        Money unitPrice = money(in, "unitPrice");
        int quantity = in.int32("quantity");
        CartLine l = in.build(() -> new CartLine(id, sku, seller, categories, unitPrice, quantity));
        in.noOtherFields();
        return l;
    }

    /** Writes a cart. */
    public static void cart(JsonSink g, Cart c) throws IOException {
        g.startObject();
        g.field("currency", c.currency().getCurrencyCode());
        g.arrayField("lines");
        for (CartLine l : c.lines()) {
            line(g, l);
        }
        g.endArray();
        money(g, "shipping", c.shipping());
        g.endObject();
    }

    /** Reads a cart; every amount must be in the cart's currency. */
    public static Cart cart(JsonIn in) throws WireReadException {
        Currency currency = in.text("currency", ValueWire::currency);
        List<CartLine> lines = in.list("lines", ValueWire::line);
        Money shipping = money(in, "shipping");
        Cart c = in.build(() -> new Cart(currency, lines, shipping));
        in.noOtherFields();
        return c;
    }

    /** Writes a customer. */
    public static void customer(JsonSink g, Customer c) throws IOException {
        g.startObject();
        g.field("id", c.id().value());
        g.field("accountCreatedAt", c.accountCreatedAt().toString());
        g.field("completedOrders", c.completedOrders());
        sortedTexts(g, "segments", c.segments(), o -> ((Segment) o).value());
        g.endObject();
    }

    /** Reads a customer. */
    public static Customer customer(JsonIn in) throws WireReadException {
        UserId id = in.text("id", UserId::of);
        Instant created = in.instant("accountCreatedAt");
        long orders = in.integer("completedOrders");
        Set<Segment> segments = textSet(in, "segments", Segment::of);
        Customer c = in.build(() -> new Customer(id, created, orders, segments));
        in.noOtherFields();
        return c;
    }

    /**
     * Parses an enum constant by its exact name.
     *
     * @param type the enum
     * @param raw the text
     * @param <E> the enum type
     * @return the constant
     * @throws IllegalArgumentException naming the allowed values
     */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String raw) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(raw)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + raw + "' is not one of " + Arrays.toString(type.getEnumConstants())
                .toUpperCase(Locale.ROOT));
    }
}
