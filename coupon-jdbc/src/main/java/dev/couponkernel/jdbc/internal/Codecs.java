package dev.couponkernel.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.EventType;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.internal.wire.JsonSink;
import dev.couponkernel.spi.internal.wire.WireForm;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The stored form of coupon definitions, events and fraud signals: JSON in the shape of the
 * library's wire format, written by the same writers as the coupon-jackson module's ({@link
 * WireForm}), compact, so a database administrator reads
 * and queries it as the API shows it ({@code definition::jsonb -> 'discount' ->> 'type'} on
 * PostgreSQL). Written and parsed with Jackson's streaming core; the JDBC and JPA storages share
 * it. A stored value that is not valid JSON, lacks a field or names an unknown type is a {@link
 * StorageException} naming what is wrong. Stateless and thread-safe.
 */
public final class Codecs {

    /** The version of the event fields, the wire format's {@code schemaVersion}. */
    static final int EVENT_SCHEMA_VERSION = WireForm.EVENT_SCHEMA_VERSION;

    /** Stored values are bounded on the way in; the parser refuses anything far beyond that. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(SizeLimits.MAX_DEFINITION_CHARS).maxNumberLength(24).build())
            .build();

    private Codecs() {}

    // ---- definitions ----

    /**
     * @param d a definition
     * @return its stored JSON
     */
    public static String encode(CouponDefinition d) {
        return write(g -> WireForm.definition(g, d));
    }

    /**
     * @param text stored JSON
     * @return the definition
     * @throws StorageException if the text is not a valid definition
     */
    public static CouponDefinition decodeDefinition(String text) {
        try {
            Node d = parse(text);
            Node discountNode = d.obj("discount");
            DiscountType type = enumValue(DiscountType.class, discountNode.text("type"), "discount type");
            Discount discount = switch (type) {
                case PERCENT -> new PercentDiscount(Percentage.of(discountNode.text("percent")), amounts(discountNode, "caps"));
                case FIXED -> new FixedDiscount(amounts(discountNode, "amounts"));
                case SHIPPING -> new ShippingDiscount(discountNode.has("percent") ? Percentage.of(discountNode.text("percent")) : null,
                        amounts(discountNode, "amounts"));
                case TIERED -> tiered(discountNode);
                case ORDER_AND_SHIPPING -> new OrderAndShippingDiscount(
                        discountNode.has("percent") ? Optional.of(Percentage.of(discountNode.text("percent"))) : Optional.empty(),
                        amounts(discountNode, "amounts"));
                case FIXED_PRICE -> new FixedPriceDiscount(Math.toIntExact(discountNode.integer("units")),
                        amounts(discountNode, "prices"));
                case BUY_X_GET_Y -> new BuyXGetYDiscount(Math.toIntExact(discountNode.integer("buyQuantity")),
                        Math.toIntExact(discountNode.integer("getQuantity")), scope(discountNode.obj("rewardScope")),
                        discountNode.has("percent") ? Optional.of(Percentage.of(discountNode.text("percent"))) : Optional.empty(),
                        amounts(discountNode, "amounts"),
                        discountNode.has("maxApplications")
                                ? java.util.OptionalInt.of(Math.toIntExact(discountNode.integer("maxApplications")))
                                : java.util.OptionalInt.empty());
                case PER_UNIT -> new PerUnitDiscount(
                        discountNode.has("percent") ? Optional.of(Percentage.of(discountNode.text("percent"))) : Optional.empty(),
                        amounts(discountNode, "amounts"),
                        discountNode.has("maxUnits") ? java.util.OptionalInt.of(Math.toIntExact(discountNode.integer("maxUnits")))
                                : java.util.OptionalInt.empty(),
                        enumValue(PerUnitDiscount.UnitOrder.class, discountNode.text("unitOrder"), "unit order"));
                case HOST -> new dev.couponkernel.spi.coupon.HostDiscount(discountNode.text("kind"), amounts(discountNode, "amounts"),
                        parameters(discountNode.obj("parameters")));
            };
            Node st = d.obj("stacking");
            Set<StackingClass> with = EnumSet.noneOf(StackingClass.class);
            for (String c : st.texts("combinesWith")) {
                with.add(enumValue(StackingClass.class, c, "stacking class"));
            }
            StackingRule stacking = new StackingRule(enumValue(StackingClass.class, st.text("stackingClass"), "stacking class"),
                    st.bool("exclusive"), with, Math.toIntExact(st.integer("priority")));
            Node e = d.obj("eligibility");
            ProductScope scope = scope(e.obj("scope"));
            List<dev.couponkernel.spi.coupon.HostCondition> conditions = new ArrayList<>();
            if (e.has("conditions")) {
                for (Object item : e.list("conditions")) {
                    Node c = Node.of(item, "eligibility.conditions[]");
                    conditions.add(new dev.couponkernel.spi.coupon.HostCondition(c.text("kind"), parameters(c.obj("parameters"))));
                }
            }
            EligibilityRules rules = new EligibilityRules(scope, amounts(e, "minOrderAmount"),
                    Math.toIntExact(e.integer("minQuantity")), e.bool("firstOrderOnly"), set(e, "segments", Segment::of),
                    set(e, "channels", Channel::of), conditions);
            Node v = d.obj("validity");
            ValidityPeriod validity = new ValidityPeriod(Instant.parse(v.text("validFrom")),
                    v.has("validUntil") ? Instant.parse(v.text("validUntil")) : null);
            dev.couponkernel.spi.coupon.ReinstatePolicy reinstate = d.has("reinstatePolicy")
                    ? enumValue(dev.couponkernel.spi.coupon.ReinstatePolicy.class, d.text("reinstatePolicy"), "reinstate policy")
                    : dev.couponkernel.spi.coupon.ReinstatePolicy.NEVER;
            dev.couponkernel.spi.coupon.CodeMode codes = d.has("codes")
                    ? enumValue(dev.couponkernel.spi.coupon.CodeMode.class, d.text("codes"), "code mode")
                    : dev.couponkernel.spi.coupon.CodeMode.SHARED;
            return new CouponDefinition(CouponCode.parse(d.text("code")), discount, stacking, rules, validity,
                    limits(d.obj("limits")), reinstate, codes);
        } catch (CouponKernelException | IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new StorageException("corrupt stored coupon definition: " + e.getMessage(), e);
        }
    }

    // ---- events ----

    /**
     * @param event an event
     * @return its stored JSON: {@code type} (the stable name) and {@code schemaVersion} first
     */
    public static String encode(CouponEvent event) {
        return write(g -> WireForm.event(g, event));
    }

    /**
     * @param type the event type's stable name as the row's own column holds it ({@link EventType#wireName()})
     * @param text its stored JSON
     * @return the event
     * @throws StorageException if the type is unknown, disagrees with the JSON's, or the text is not a valid event of it
     */
    public static CouponEvent decodeEvent(String type, String text) {
        EventType kind;
        try {
            kind = EventType.ofWireName(type);
        } catch (CouponKernelException unknown) {
            throw new StorageException("unknown stored event type '" + Checks.quote(type) + "'", unknown);
        }
        try {
            Node f = parse(text);
            if (!type.equals(f.text("type"))) {
                throw new StorageException("stored event of type " + type + " holds a " + Checks.quote(f.text("type")));
            }
            long version = f.integer("schemaVersion");
            if (version < 1 || version > EVENT_SCHEMA_VERSION) {
                throw new StorageException("stored event has schemaVersion " + version + "; this library reads 1 to "
                        + EVENT_SCHEMA_VERSION);
            }
            CouponId id = CouponId.of(f.text("couponId"));
            CouponCode code = CouponCode.parse(f.text("code"));
            Instant at = Instant.parse(f.text("occurredAt"));
            Actor actor = Actor.of(f.text("actor"));
            return switch (kind) {
                case COUPON_CREATED -> new CouponCreated(id, code, at, actor);
                case COUPON_ACTIVATED -> new CouponActivated(id, code, at, actor);
                case COUPON_DISABLED -> new CouponDisabled(id, code, at, actor, f.text("reason"));
                case COUPON_SUSPENDED -> new CouponSuspended(id, code, at, actor, f.text("reason"));
                case COUPON_SUSPENSION_LIFTED -> new CouponSuspensionLifted(id, code, at, actor, f.text("reason"));
                case COUPON_LIMITS_CHANGED -> new CouponLimitsChanged(id, code, at, actor, limits(f.obj("limits")));
                case COUPON_APPLIED -> new CouponApplied(id, code, at, actor, UsageId.of(f.text("usageId")),
                        UserId.of(f.text("userId")), CheckoutId.of(f.text("checkoutId")), Instant.parse(f.text("expiresAt")));
                case COUPON_REDEEMED -> new CouponRedeemed(id, code, at, actor, UsageId.of(f.text("usageId")),
                        UserId.of(f.text("userId")), CheckoutId.of(f.text("checkoutId")), OrderId.of(f.text("orderId")));
                case COUPON_RELEASED -> new CouponReleased(id, code, at, actor, UsageId.of(f.text("usageId")),
                        UserId.of(f.text("userId")), CheckoutId.of(f.text("checkoutId")), f.text("reason"));
                case COUPON_REINSTATED -> new dev.couponkernel.spi.event.CouponReinstated(id, code, at, actor,
                        UsageId.of(f.text("usageId")), UserId.of(f.text("userId")), CheckoutId.of(f.text("checkoutId")),
                        OrderId.of(f.text("orderId")), f.text("reason"));
                case COUPON_CODES_ADDED -> new dev.couponkernel.spi.event.CouponCodesAdded(id, code, at, actor, f.text("batchId"),
                        f.integer("added"));
                case COUPON_CODE_VOIDED -> new dev.couponkernel.spi.event.CouponCodeVoided(id, code, at, actor, f.text("reason"));
                case COUPON_REJECTED -> new CouponRejected(id, code, at, actor, UserId.of(f.text("userId")),
                        enumValue(AttemptKind.class, f.text("kind"), "attempt kind"),
                        enumValue(RejectionReason.class, f.text("reason"), "rejection reason"),
                        FraudScore.of(Math.toIntExact(f.integer("score"))), signals(f.list("signals")));
                case SECURITY_ALERT_RAISED -> new SecurityAlertRaised(id, code, at, actor,
                        enumValue(AlertLevel.class, f.text("level"), "alert level"),
                        f.has("userId") ? UserId.of(f.text("userId")) : null,
                        FraudScore.of(Math.toIntExact(f.integer("score"))), signals(f.list("signals")), f.text("summary"));
            };
        } catch (StorageException e) {
            throw e;
        } catch (CouponKernelException | IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new StorageException("corrupt stored event: " + e.getMessage(), e);
        }
    }

    // ---- fraud signals ----

    /**
     * @param signals fraud signals
     * @return their stored JSON, an array in order
     */
    public static String encodeSignals(List<FraudSignal> signals) {
        return write(g -> WireForm.signals(g, signals));
    }

    /**
     * @param text stored signals
     * @return the signals, in order
     * @throws StorageException if the text is not valid
     */
    public static List<FraudSignal> decodeSignals(String text) {
        try {
            Object root = tree(text);
            if (!(root instanceof List<?> items)) {
                throw new StorageException("corrupt stored fraud signals: not a JSON array");
            }
            return signals(items);
        } catch (StorageException e) {
            throw e;
        } catch (CouponKernelException | IllegalArgumentException | ArithmeticException e) {
            throw new StorageException("corrupt stored fraud signals: " + e.getMessage(), e);
        }
    }

    private static List<FraudSignal> signals(List<?> items) {
        List<FraudSignal> signals = new ArrayList<>(items.size());
        for (Object item : items) {
            Node s = Node.of(item, "signals[]");
            signals.add(FraudSignal.of(s.text("name"), Math.toIntExact(s.integer("score")), s.text("evidence")));
        }
        return signals;
    }

    // ---- shared parts ----

    private static UsageLimits limits(Node n) {
        return UsageLimits.of(n.has("maxTotalUses") ? OptionalLong.of(n.integer("maxTotalUses")) : OptionalLong.empty(),
                n.has("maxUsesPerUser") ? OptionalLong.of(n.integer("maxUsesPerUser")) : OptionalLong.empty())
                .withBudget(amounts(n, "budget"))
                .withPerCode(n.has("maxUsesPerCode") ? OptionalLong.of(n.integer("maxUsesPerCode")) : OptionalLong.empty());
    }

    private static ProductScope scope(Node sc) {
        return new ProductScope(set(sc, "sellers", SellerId::of), set(sc, "includedSkus", Sku::of),
                set(sc, "includedCategories", Category::of), set(sc, "excludedSkus", Sku::of),
                set(sc, "excludedCategories", Category::of));
    }

    private static TieredDiscount tiered(Node n) {
        TieredDiscount.Basis basis = enumValue(TieredDiscount.Basis.class, n.text("basis"), "tier basis");
        List<TieredDiscount.Tier> tiers = new ArrayList<>();
        for (Object item : n.list("tiers")) {
            Node t = Node.of(item, "discount.tiers[]");
            tiers.add(new TieredDiscount.Tier(basis == TieredDiscount.Basis.QUANTITY ? t.integer("fromQuantity") : 0,
                    basis == TieredDiscount.Basis.SUBTOTAL ? amounts(t, "fromSubtotal") : CurrencyAmounts.none(),
                    t.has("percent") ? Optional.of(Percentage.of(t.text("percent"))) : Optional.empty(),
                    amounts(t, "amounts")));
        }
        return new TieredDiscount(basis, tiers);
    }

    private static dev.couponkernel.spi.coupon.HostParameters parameters(Node n) {
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        for (Object name : n.fields().keySet()) {
            values.put(String.valueOf(name), n.text(String.valueOf(name)));
        }
        return new dev.couponkernel.spi.coupon.HostParameters(values);
    }

    private static CurrencyAmounts amounts(Node n, String field) {
        List<Money> list = new ArrayList<>();
        if (n.has(field)) {
            for (Object item : n.list(field)) {
                Node m = Node.of(item, field + "[]");
                list.add(Money.of(m.text("amount"), m.text("currency")));
            }
        }
        return CurrencyAmounts.of(field, list);
    }

    private static <T> Set<T> set(Node n, String field, Function<String, T> parse) {
        Set<T> set = new HashSet<>();
        for (String s : n.texts(field)) {
            set.add(parse.apply(s));
        }
        return set;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new StorageException("unknown stored " + field + " '" + Checks.quote(name) + "'");
    }

    private interface Writing {
        void to(JsonSink g) throws IOException;
    }

    private static String write(Writing writing) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writing.to(new Sink(g));
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /** The shared writers' calls on the generator. */
    private record Sink(JsonGenerator g) implements JsonSink {
        @Override
        public void startObject() throws IOException {
            g.writeStartObject();
        }

        @Override
        public void endObject() throws IOException {
            g.writeEndObject();
        }

        @Override
        public void startArray() throws IOException {
            g.writeStartArray();
        }

        @Override
        public void endArray() throws IOException {
            g.writeEndArray();
        }

        @Override
        public void name(String name) throws IOException {
            g.writeFieldName(name);
        }

        @Override
        public void string(String value) throws IOException {
            g.writeString(value);
        }

        @Override
        public void number(long value) throws IOException {
            g.writeNumber(value);
        }

        @Override
        public void bool(boolean value) throws IOException {
            g.writeBoolean(value);
        }
    }

    private static Node parse(String text) {
        return Node.of(tree(text), "the stored value");
    }

    /** Parses JSON into maps, lists, strings, longs, booleans and nulls; rejects duplicate keys and trailing text. */
    private static Object tree(String text) {
        if (text == null) {
            throw new StorageException("corrupt stored value: null");
        }
        try (JsonParser p = JSON.createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new StorageException("corrupt stored value: empty");
            }
            Object value = value(p, first);
            if (p.nextToken() != null) {
                throw new StorageException("corrupt stored value: text after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new StorageException("corrupt stored value: not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string failed", e);
        }
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(value(p, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new StorageException("corrupt stored value: unexpected " + token + " (decimals are stored as strings)");
        }
    }

    /** A JSON object read from storage, its fields fetched by name with a specific error when one is missing or mistyped. */
    private record Node(Map<?, ?> fields, String path) {

        static Node of(Object value, String path) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new StorageException("corrupt stored value: " + path + " is not a JSON object");
            }
            return new Node(map, path);
        }

        boolean has(String field) {
            return fields.get(field) != null;
        }

        private Object require(String field) {
            Object value = fields.get(field);
            if (value == null) {
                throw new StorageException("corrupt stored value: no " + name(field));
            }
            return value;
        }

        private String name(String field) {
            return path.equals("the stored value") ? field : path + "." + field;
        }

        String text(String field) {
            if (require(field) instanceof String s) {
                return s;
            }
            throw new StorageException("corrupt stored value: " + name(field) + " is not a string");
        }

        long integer(String field) {
            if (require(field) instanceof Long l) {
                return l;
            }
            throw new StorageException("corrupt stored value: " + name(field) + " is not an integer");
        }

        boolean bool(String field) {
            if (require(field) instanceof Boolean b) {
                return b;
            }
            throw new StorageException("corrupt stored value: " + name(field) + " is not true or false");
        }

        Node obj(String field) {
            return Node.of(require(field), name(field));
        }

        List<?> list(String field) {
            if (require(field) instanceof List<?> l) {
                return l;
            }
            throw new StorageException("corrupt stored value: " + name(field) + " is not an array");
        }

        List<String> texts(String field) {
            List<String> texts = new ArrayList<>();
            for (Object item : list(field)) {
                if (!(item instanceof String s)) {
                    throw new StorageException("corrupt stored value: " + name(field) + " holds a value that is not a string");
                }
                texts.add(s);
            }
            return texts;
        }
    }
}
