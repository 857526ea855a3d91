package dev.couponkernel.jdbc.internal;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.CurrencyAmounts;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** Encodes coupon definitions and events in the storage's text format, and back. Stateless and thread-safe. */
public final class Codecs {

    private Codecs() {}

    /**
     * @param d a definition
     * @return its stored text
     */
    public static String encode(CouponDefinition d) {
        Fields f = new Fields().put("code", d.code().value()).put("discount.type", d.discount().type());
        Discount discount = d.discount();
        switch (discount.type()) {
            case PERCENT -> {
                PercentDiscount p = (PercentDiscount) discount;
                f.put("discount.percent", p.percent().basisPoints()).putList("discount.amounts", p.caps().values());
            }
            case FIXED -> f.putList("discount.amounts", ((FixedDiscount) discount).amounts().values());
            case SHIPPING -> {
                ShippingDiscount s = (ShippingDiscount) discount;
                if (s.percent() != null) {
                    f.put("discount.percent", s.percent().basisPoints());
                }
                f.putList("discount.amounts", s.amounts().values());
            }
        }
        StackingRule st = d.stacking();
        f.put("stacking.class", st.stackingClass()).put("stacking.exclusive", st.exclusive())
                .putList("stacking.combinesWith", st.combinesWith()).put("stacking.priority", st.priority());
        EligibilityRules e = d.eligibility();
        ProductScope sc = e.scope();
        f.putList("scope.sellers", sc.sellers()).putList("scope.includedSkus", sc.includedSkus())
                .putList("scope.includedCategories", sc.includedCategories())
                .putList("scope.excludedSkus", sc.excludedSkus())
                .putList("scope.excludedCategories", sc.excludedCategories())
                .putList("eligibility.minOrderAmount", e.minOrderAmount().values())
                .put("eligibility.minQuantity", e.minQuantity()).put("eligibility.firstOrderOnly", e.firstOrderOnly())
                .putList("eligibility.segments", e.segments()).putList("eligibility.channels", e.channels());
        f.put("validity.from", d.validity().validFrom()).put("validity.until", d.validity().validUntil());
        d.limits().maxTotalUses().ifPresent(v -> f.put("limits.total", v));
        d.limits().maxUsesPerUser().ifPresent(v -> f.put("limits.perUser", v));
        return f.encode();
    }

    private static dev.couponkernel.spi.coupon.DiscountType discountType(String name) {
        for (dev.couponkernel.spi.coupon.DiscountType t : dev.couponkernel.spi.coupon.DiscountType.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new StorageException("unknown stored discount type '" + dev.couponkernel.spi.internal.Checks.quote(name) + "'");
    }

    /**
     * @param text stored text
     * @return the definition
     * @throws StorageException if the text is not a valid definition
     */
    public static CouponDefinition decodeDefinition(String text) {
        try {
            Fields f = Fields.parse(text);
            CurrencyAmounts amounts = CurrencyAmounts.of("discount.amounts", f.list("discount.amounts").stream().map(Codecs::money).toList());
            String percent = f.get("discount.percent");
            Discount discount = switch (discountType(f.require("discount.type"))) {
                case PERCENT -> new PercentDiscount(Percentage.ofBasisPoints(Integer.parseInt(percent)), amounts);
                case FIXED -> new FixedDiscount(amounts);
                case SHIPPING -> new ShippingDiscount(percent == null ? null : Percentage.ofBasisPoints(Integer.parseInt(percent)), amounts);
            };
            Set<StackingClass> with = EnumSet.noneOf(StackingClass.class);
            f.list("stacking.combinesWith").forEach(c -> with.add(StackingClass.valueOf(c)));
            StackingRule stacking = new StackingRule(StackingClass.valueOf(f.require("stacking.class")),
                    Boolean.parseBoolean(f.require("stacking.exclusive")), with, Integer.parseInt(f.require("stacking.priority")));
            ProductScope scope = new ProductScope(set(f, "scope.sellers", SellerId::of), set(f, "scope.includedSkus", Sku::of),
                    set(f, "scope.includedCategories", Category::of), set(f, "scope.excludedSkus", Sku::of),
                    set(f, "scope.excludedCategories", Category::of));
            EligibilityRules rules = new EligibilityRules(scope,
                    CurrencyAmounts.of("eligibility.minOrderAmount", f.list("eligibility.minOrderAmount").stream().map(Codecs::money).toList()),
                    Integer.parseInt(f.require("eligibility.minQuantity")),
                    Boolean.parseBoolean(f.require("eligibility.firstOrderOnly")),
                    set(f, "eligibility.segments", Segment::of), set(f, "eligibility.channels", Channel::of));
            String until = f.get("validity.until");
            ValidityPeriod validity = new ValidityPeriod(Instant.parse(f.require("validity.from")), until == null ? null : Instant.parse(until));
            UsageLimits limits = UsageLimits.of(optionalLong(f.get("limits.total")), optionalLong(f.get("limits.perUser")));
            return new CouponDefinition(CouponCode.parse(f.require("code")), discount, stacking, rules, validity, limits);
        } catch (CouponKernelException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new StorageException("corrupt stored coupon definition: " + e.getMessage(), e);
        }
    }

    /**
     * @param event an event
     * @return its stored text
     */
    public static String encode(CouponEvent event) {
        Fields f = new Fields().put("couponId", event.couponId().value()).put("code", event.code().value())
                .put("occurredAt", event.occurredAt()).put("actor", event.actor().name());
        switch (event.type()) {
            case COUPON_CREATED, COUPON_ACTIVATED -> { }
            case COUPON_SUSPENDED -> f.put("reason", ((CouponSuspended) event).reason());
            case COUPON_SUSPENSION_LIFTED -> f.put("reason", ((CouponSuspensionLifted) event).reason());
            case COUPON_DISABLED -> f.put("reason", ((CouponDisabled) event).reason());
            case COUPON_LIMITS_CHANGED -> {
                CouponLimitsChanged e = (CouponLimitsChanged) event;
                e.limits().maxTotalUses().ifPresent(v -> f.put("limits.total", v));
                e.limits().maxUsesPerUser().ifPresent(v -> f.put("limits.perUser", v));
            }
            case COUPON_APPLIED -> {
                CouponApplied e = (CouponApplied) event;
                f.put("usageId", e.usageId().value()).put("userId", e.userId().value())
                        .put("checkoutId", e.checkoutId().value()).put("expiresAt", e.expiresAt());
            }
            case COUPON_REDEEMED -> {
                CouponRedeemed e = (CouponRedeemed) event;
                f.put("usageId", e.usageId().value()).put("userId", e.userId().value())
                        .put("checkoutId", e.checkoutId().value()).put("orderId", e.orderId().value());
            }
            case COUPON_RELEASED -> {
                CouponReleased e = (CouponReleased) event;
                f.put("usageId", e.usageId().value()).put("userId", e.userId().value())
                        .put("checkoutId", e.checkoutId().value()).put("reason", e.reason());
            }
            case COUPON_REJECTED -> {
                CouponRejected e = (CouponRejected) event;
                f.put("userId", e.userId().value()).put("kind", e.kind().name()).put("reason", e.reason().name())
                        .put("score", e.score().value());
                putSignals(f, e.signals());
            }
            case SECURITY_ALERT_RAISED -> {
                SecurityAlertRaised e = (SecurityAlertRaised) event;
                f.put("level", e.level().name()).put("userId", e.userId() == null ? null : e.userId().value())
                        .put("score", e.score().value()).put("summary", e.summary());
                putSignals(f, e.signals());
            }
        }
        return f.encode();
    }

    /**
     * @param type the event type's stable name ({@link dev.couponkernel.spi.event.EventType#wireName()})
     * @param text its stored text
     * @return the event
     * @throws StorageException if the text is not a valid event of that type
     */
    public static CouponEvent decodeEvent(String type, String text) {
        try {
            Fields f = Fields.parse(text);
            CouponId id = CouponId.of(f.require("couponId"));
            CouponCode code = CouponCode.parse(f.require("code"));
            Instant at = Instant.parse(f.require("occurredAt"));
            Actor actor = Actor.of(f.require("actor"));
            dev.couponkernel.spi.event.EventType kind;
            try {
                kind = dev.couponkernel.spi.event.EventType.ofWireName(type);
            } catch (CouponKernelException unknown) {
                throw new StorageException("unknown stored event type '" + dev.couponkernel.spi.internal.Checks.quote(type)
                        + "'", unknown);
            }
            return switch (kind) {
                case COUPON_CREATED -> new CouponCreated(id, code, at, actor);
                case COUPON_ACTIVATED -> new CouponActivated(id, code, at, actor);
                case COUPON_DISABLED -> new CouponDisabled(id, code, at, actor, f.require("reason"));
                case COUPON_SUSPENDED -> new CouponSuspended(id, code, at, actor, f.require("reason"));
                case COUPON_SUSPENSION_LIFTED -> new CouponSuspensionLifted(id, code, at, actor, f.require("reason"));
                case COUPON_LIMITS_CHANGED -> new CouponLimitsChanged(id, code, at, actor,
                        UsageLimits.of(optionalLong(f.get("limits.total")), optionalLong(f.get("limits.perUser"))));
                case COUPON_APPLIED -> new CouponApplied(id, code, at, actor, UsageId.of(f.require("usageId")),
                        UserId.of(f.require("userId")), CheckoutId.of(f.require("checkoutId")), Instant.parse(f.require("expiresAt")));
                case COUPON_REDEEMED -> new CouponRedeemed(id, code, at, actor, UsageId.of(f.require("usageId")),
                        UserId.of(f.require("userId")), CheckoutId.of(f.require("checkoutId")), OrderId.of(f.require("orderId")));
                case COUPON_RELEASED -> new CouponReleased(id, code, at, actor, UsageId.of(f.require("usageId")),
                        UserId.of(f.require("userId")), CheckoutId.of(f.require("checkoutId")), f.require("reason"));
                case COUPON_REJECTED -> new CouponRejected(id, code, at, actor, UserId.of(f.require("userId")),
                        AttemptKind.valueOf(f.require("kind")), RejectionReason.valueOf(f.require("reason")),
                        FraudScore.of(Integer.parseInt(f.require("score"))), signals(f));
                case SECURITY_ALERT_RAISED -> new SecurityAlertRaised(id, code, at, actor,
                        AlertLevel.valueOf(f.require("level")), f.get("userId") == null ? null : UserId.of(f.get("userId")),
                        FraudScore.of(Integer.parseInt(f.require("score"))), signals(f), f.require("summary"));
            };
        } catch (CouponKernelException | IllegalArgumentException | java.time.DateTimeException e) {
            if (e instanceof StorageException s) {
                throw s;
            }
            throw new StorageException("corrupt stored event: " + e.getMessage(), e);
        }
    }

    /**
     * @param signals fraud signals
     * @return their stored text, in order
     */
    public static String encodeSignals(List<FraudSignal> signals) {
        Fields f = new Fields();
        putSignals(f, signals);
        return f.encode();
    }

    /**
     * @param text stored signals
     * @return the signals, in order
     * @throws StorageException if the text is not valid
     */
    public static List<FraudSignal> decodeSignals(String text) {
        try {
            return signals(Fields.parse(text));
        } catch (CouponKernelException | IllegalArgumentException e) {
            if (e instanceof StorageException s) {
                throw s;
            }
            throw new StorageException("corrupt stored fraud signals: " + e.getMessage(), e);
        }
    }

    private static void putSignals(Fields f, List<FraudSignal> signals) {
        f.put("signals", signals.size());
        for (int i = 0; i < signals.size(); i++) {
            FraudSignal s = signals.get(i);
            f.put("signal." + i + ".name", s.name()).put("signal." + i + ".score", s.score())
                    .put("signal." + i + ".evidence", s.evidence());
        }
    }

    private static List<FraudSignal> signals(Fields f) {
        int n = Integer.parseInt(f.require("signals"));
        List<FraudSignal> signals = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            signals.add(FraudSignal.of(f.require("signal." + i + ".name"),
                    Integer.parseInt(f.require("signal." + i + ".score")), f.require("signal." + i + ".evidence")));
        }
        return signals;
    }

    private static Money money(String text) {
        int space = text.indexOf(' ');
        return Money.of(text.substring(0, space), text.substring(space + 1));
    }

    private static OptionalLong optionalLong(String text) {
        return text == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    }

    private static <T> Set<T> set(Fields f, String key, Function<String, T> parse) {
        List<String> items = f.list(key);
        Set<T> set = new HashSet<>();
        items.forEach(i -> set.add(parse.apply(i)));
        return set;
    }
}
