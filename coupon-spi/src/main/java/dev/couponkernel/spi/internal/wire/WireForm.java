package dev.couponkernel.spi.internal.wire;

import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.FixedPriceDiscount;
import dev.couponkernel.spi.coupon.OrderAndShippingDiscount;
import dev.couponkernel.spi.coupon.PerUnitDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON shape of coupon definitions, events and the values in them, written once: the JSON
 * module writes its wire format with it, and the JDBC and JPA storages their stored form (ADR 13),
 * each through a {@link JsonSink} on its own JSON library. Readers stay with each user, since they
 * differ in what they report (a JSON path, a corrupt row). Stateless.
 */
public final class WireForm {

    /** The version of the event fields, the wire format's {@code schemaVersion}. */
    public static final int EVENT_SCHEMA_VERSION = 1;

    private WireForm() {}

    /**
     * Writes money as {@code {"amount": "12.34", "currency": "EUR"}}.
     *
     * @param g the sink
     * @param m the money
     * @throws IOException if the output fails
     */
    public static void money(JsonSink g, Money m) throws IOException {
        g.startObject();
        g.field("amount", m.amount().toPlainString());
        g.field("currency", m.currency().getCurrencyCode());
        g.endObject();
    }

    /**
     * Writes a field holding an array of amounts, one per currency.
     *
     * @param g the sink
     * @param field the field's name
     * @param amounts the amounts
     * @throws IOException if the output fails
     */
    public static void amounts(JsonSink g, String field, CurrencyAmounts amounts) throws IOException {
        g.name(field);
        g.startArray();
        for (Money m : amounts.values()) {
            money(g, m);
        }
        g.endArray();
    }

    /**
     * Writes a field holding an array of texts, sorted.
     *
     * @param g the sink
     * @param field the field's name
     * @param values the values
     * @param text each value's text
     * @param <T> the values' type
     * @throws IOException if the output fails
     */
    public static <T> void sortedTexts(JsonSink g, String field, Collection<T> values, Function<T, String> text)
            throws IOException {
        g.name(field);
        g.startArray();
        for (String s : values.stream().map(text).sorted().toList()) {
            g.string(s);
        }
        g.endArray();
    }

    /**
     * @param p a percentage
     * @return it as the wire writes it: a plain decimal without trailing zeros ("12.5", "20")
     */
    public static String percent(Percentage p) {
        BigDecimal v = p.percent().stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /**
     * Writes usage limits; an absent limit, and an empty budget, are left out.
     *
     * @param g the sink
     * @param l the limits
     * @throws IOException if the output fails
     */
    public static void limits(JsonSink g, UsageLimits l) throws IOException {
        g.startObject();
        if (l.maxTotalUses().isPresent()) {
            g.field("maxTotalUses", l.maxTotalUses().getAsLong());
        }
        if (l.maxUsesPerUser().isPresent()) {
            g.field("maxUsesPerUser", l.maxUsesPerUser().getAsLong());
        }
        if (!l.budget().isEmpty()) {
            // left out without a budget, so limits written before budgets read the same
            amounts(g, "budget", l.budget());
        }
        if (l.maxUsesPerCode().isPresent()) {
            g.field("maxUsesPerCode", l.maxUsesPerCode().getAsLong());
        }
        g.endObject();
    }

    /**
     * Writes a validity period; an open end is left out.
     *
     * @param g the sink
     * @param v the period
     * @throws IOException if the output fails
     */
    public static void validity(JsonSink g, ValidityPeriod v) throws IOException {
        g.startObject();
        g.field("validFrom", v.validFrom().toString());
        if (v.validUntil() != null) {
            g.field("validUntil", v.validUntil().toString());
        }
        g.endObject();
    }

    /**
     * Writes a discount with its {@code type}: PERCENT, FIXED, SHIPPING, TIERED, PER_UNIT, BUY_X_GET_Y,
     * FIXED_PRICE or ORDER_AND_SHIPPING.
     *
     * @param g the sink
     * @param d the discount
     * @throws IOException if the output fails
     */
    public static void discount(JsonSink g, Discount d) throws IOException {
        g.startObject();
        g.field("type", d.type().name());
        // a switch expression, so that the compiler names a kind this writer has not learnt
        boolean written = switch (d.type()) {
            case PERCENT -> {
                PercentDiscount p = (PercentDiscount) d;
                g.field("percent", percent(p.percent()));
                amounts(g, "caps", p.caps());
                yield true;
            }
            case FIXED -> {
                amounts(g, "amounts", ((FixedDiscount) d).amounts());
                yield true;
            }
            case SHIPPING -> {
                ShippingDiscount s = (ShippingDiscount) d;
                if (s.percent() != null) {
                    g.field("percent", percent(s.percent()));
                } else {
                    amounts(g, "amounts", s.amounts());
                }
                yield true;
            }
            case TIERED -> {
                TieredDiscount t = (TieredDiscount) d;
                g.field("basis", t.basis().name());
                g.arrayField("tiers");
                for (TieredDiscount.Tier tier : t.tiers()) {
                    g.startObject();
                    switch (t.basis()) {
                        case QUANTITY -> g.field("fromQuantity", tier.fromQuantity());
                        case SUBTOTAL -> amounts(g, "fromSubtotal", tier.fromSubtotal());
                    }
                    if (tier.percent().isPresent()) {
                        g.field("percent", percent(tier.percent().get()));
                    } else {
                        amounts(g, "amounts", tier.amounts());
                    }
                    g.endObject();
                }
                g.endArray();
                yield true;
            }
            case PER_UNIT -> {
                PerUnitDiscount u = (PerUnitDiscount) d;
                if (u.percent().isPresent()) {
                    g.field("percent", percent(u.percent().get()));
                } else {
                    amounts(g, "amounts", u.amounts());
                }
                if (u.maxUnits().isPresent()) {
                    g.field("maxUnits", u.maxUnits().getAsInt());
                }
                g.field("unitOrder", u.order().name());
                yield true;
            }
            case BUY_X_GET_Y -> {
                BuyXGetYDiscount b = (BuyXGetYDiscount) d;
                g.field("buyQuantity", b.buyQuantity());
                g.field("getQuantity", b.getQuantity());
                g.name("rewardScope");
                scope(g, b.rewardScope());
                if (b.percent().isPresent()) {
                    g.field("percent", percent(b.percent().get()));
                } else {
                    amounts(g, "amounts", b.amounts());
                }
                if (b.maxApplications().isPresent()) {
                    g.field("maxApplications", b.maxApplications().getAsInt());
                }
                yield true;
            }
            case FIXED_PRICE -> {
                FixedPriceDiscount f = (FixedPriceDiscount) d;
                g.field("units", f.units());
                amounts(g, "prices", f.prices());
                yield true;
            }
            case ORDER_AND_SHIPPING -> {
                OrderAndShippingDiscount o = (OrderAndShippingDiscount) d;
                if (o.percent().isPresent()) {
                    g.field("percent", percent(o.percent().get()));
                } else {
                    amounts(g, "amounts", o.amounts());
                }
                yield true;
            }
            case HOST -> {
                dev.couponkernel.spi.coupon.HostDiscount h = (dev.couponkernel.spi.coupon.HostDiscount) d;
                g.field("kind", h.kind());
                amounts(g, "amounts", h.amounts());
                parameters(g, h.parameters());
                yield true;
            }
        };
        assert written;
        g.endObject();
    }

    /**
     * Writes a stacking rule.
     *
     * @param g the sink
     * @param s the rule
     * @throws IOException if the output fails
     */
    public static void stacking(JsonSink g, StackingRule s) throws IOException {
        g.startObject();
        g.field("stackingClass", s.stackingClass().name());
        g.field("exclusive", s.exclusive());
        sortedTexts(g, "combinesWith", s.combinesWith(), Enum::name);
        g.field("priority", s.priority());
        g.endObject();
    }

    /**
     * Writes a product scope; every list is written, sorted.
     *
     * @param g the sink
     * @param s the scope
     * @throws IOException if the output fails
     */
    public static void scope(JsonSink g, ProductScope s) throws IOException {
        g.startObject();
        sortedTexts(g, "sellers", s.sellers(), v -> v.value());
        sortedTexts(g, "includedSkus", s.includedSkus(), v -> v.value());
        sortedTexts(g, "includedCategories", s.includedCategories(), v -> v.value());
        sortedTexts(g, "excludedSkus", s.excludedSkus(), v -> v.value());
        sortedTexts(g, "excludedCategories", s.excludedCategories(), v -> v.value());
        g.endObject();
    }

    /**
     * Writes eligibility rules.
     *
     * @param g the sink
     * @param e the rules
     * @throws IOException if the output fails
     */
    public static void eligibility(JsonSink g, EligibilityRules e) throws IOException {
        g.startObject();
        g.name("scope");
        scope(g, e.scope());
        amounts(g, "minOrderAmount", e.minOrderAmount());
        g.field("minQuantity", e.minQuantity());
        g.field("firstOrderOnly", e.firstOrderOnly());
        sortedTexts(g, "segments", e.segments(), v -> v.value());
        sortedTexts(g, "channels", e.channels(), v -> v.value());
        if (!e.conditions().isEmpty()) {
            // written only when there are some, so that a coupon without them keeps its earlier form
            g.name("conditions");
            g.startArray();
            for (dev.couponkernel.spi.coupon.HostCondition c : e.conditions()) {
                g.startObject();
                g.field("kind", c.kind());
                parameters(g, c.parameters());
                g.endObject();
            }
            g.endArray();
        }
        g.endObject();
    }

    /**
     * Writes a host kind's parameters as an object of texts, in name order.
     *
     * @param g the sink
     * @param p the parameters
     * @throws IOException if the output fails
     */
    public static void parameters(JsonSink g, dev.couponkernel.spi.coupon.HostParameters p) throws IOException {
        g.name("parameters");
        g.startObject();
        for (java.util.Map.Entry<String, String> e : p.values().entrySet()) {
            g.field(e.getKey(), e.getValue());
        }
        g.endObject();
    }

    /**
     * Writes a coupon definition.
     *
     * @param g the sink
     * @param d the definition
     * @throws IOException if the output fails
     */
    public static void definition(JsonSink g, CouponDefinition d) throws IOException {
        g.startObject();
        g.field("code", d.code().value());
        g.name("discount");
        discount(g, d.discount());
        g.name("stacking");
        stacking(g, d.stacking());
        g.name("eligibility");
        eligibility(g, d.eligibility());
        g.name("validity");
        validity(g, d.validity());
        g.name("limits");
        limits(g, d.limits());
        if (d.reinstatePolicy() != dev.couponkernel.spi.coupon.ReinstatePolicy.NEVER) {
            // left out when NEVER, the default, so definitions stored before the policy read the same
            g.field("reinstatePolicy", d.reinstatePolicy().name());
        }
        if (d.codes() != dev.couponkernel.spi.coupon.CodeMode.SHARED) {
            // left out for one shared code, the default, so definitions stored before campaigns read the same
            g.field("codes", d.codes().name());
        }
        g.endObject();
    }

    /**
     * Writes fraud signals as an array, in order.
     *
     * @param g the sink
     * @param signals the signals
     * @throws IOException if the output fails
     */
    public static void signals(JsonSink g, List<FraudSignal> signals) throws IOException {
        g.startArray();
        for (FraudSignal s : signals) {
            g.startObject();
            g.field("name", s.name());
            g.field("score", s.score());
            g.field("evidence", s.evidence());
            g.endObject();
        }
        g.endArray();
    }

    /**
     * Writes an event: {@code type} (its stable name) and {@code schemaVersion} first, then the
     * common and the specific fields.
     *
     * @param g the sink
     * @param e the event
     * @throws IOException if the output fails
     */
    public static void event(JsonSink g, CouponEvent e) throws IOException {
        g.startObject();
        g.field("type", e.type().wireName());
        g.field("schemaVersion", EVENT_SCHEMA_VERSION);
        g.field("couponId", e.couponId().value());
        g.field("code", e.code().value());
        g.field("occurredAt", e.occurredAt().toString());
        g.field("actor", e.actor().name());
        // an expression switch, so the compiler checks every kind of event is written
        dev.couponkernel.spi.event.EventType written = switch (e.type()) {
            case COUPON_CREATED, COUPON_ACTIVATED -> e.type();
            case COUPON_SUSPENDED -> {
                g.field("reason", ((CouponSuspended) e).reason());
                yield e.type();
            }
            case COUPON_SUSPENSION_LIFTED -> {
                g.field("reason", ((CouponSuspensionLifted) e).reason());
                yield e.type();
            }
            case COUPON_DISABLED -> {
                g.field("reason", ((CouponDisabled) e).reason());
                yield e.type();
            }
            case COUPON_LIMITS_CHANGED -> {
                g.name("limits");
                limits(g, ((CouponLimitsChanged) e).limits());
                yield e.type();
            }
            case COUPON_APPLIED -> {
                CouponApplied a = (CouponApplied) e;
                usage(g, a.usageId(), a.userId(), a.checkoutId());
                g.field("expiresAt", a.expiresAt().toString());
                yield e.type();
            }
            case COUPON_REDEEMED -> {
                CouponRedeemed r = (CouponRedeemed) e;
                usage(g, r.usageId(), r.userId(), r.checkoutId());
                g.field("orderId", r.orderId().value());
                yield e.type();
            }
            case COUPON_RELEASED -> {
                CouponReleased r = (CouponReleased) e;
                usage(g, r.usageId(), r.userId(), r.checkoutId());
                g.field("reason", r.reason());
                yield e.type();
            }
            case COUPON_REINSTATED -> {
                dev.couponkernel.spi.event.CouponReinstated r = (dev.couponkernel.spi.event.CouponReinstated) e;
                usage(g, r.usageId(), r.userId(), r.checkoutId());
                g.field("orderId", r.orderId().value());
                g.field("reason", r.reason());
                yield e.type();
            }
            case COUPON_CODES_ADDED -> {
                dev.couponkernel.spi.event.CouponCodesAdded a = (dev.couponkernel.spi.event.CouponCodesAdded) e;
                g.field("batchId", a.batchId());
                g.field("added", a.added());
                yield e.type();
            }
            case COUPON_CODE_VOIDED -> {
                g.field("reason", ((dev.couponkernel.spi.event.CouponCodeVoided) e).reason());
                yield e.type();
            }
            case COUPON_REJECTED -> {
                CouponRejected r = (CouponRejected) e;
                g.field("userId", r.userId().value());
                g.field("kind", r.kind().name());
                g.field("reason", r.reason().name());
                g.field("score", r.score().value());
                g.name("signals");
                signals(g, r.signals());
                yield e.type();
            }
            case SECURITY_ALERT_RAISED -> {
                SecurityAlertRaised a = (SecurityAlertRaised) e;
                g.field("level", a.level().name());
                if (a.userId() != null) {
                    g.field("userId", a.userId().value());
                }
                g.field("score", a.score().value());
                g.name("signals");
                signals(g, a.signals());
                g.field("summary", a.summary());
                yield e.type();
            }
        };
        g.endObject();
    }

    private static void usage(JsonSink g, UsageId usage, UserId user, CheckoutId checkout) throws IOException {
        g.field("usageId", usage.value());
        g.field("userId", user.value());
        g.field("checkoutId", checkout.value());
    }
}
