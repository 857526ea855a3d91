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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the stored form of schema versions 1 to 3 ({@code key=value} lines, lists separated by
 * commas, with {@code \\}, newline and comma escaped), for the upgrade to JSON ({@link
 * StoredFormUpgrade}) only: nothing writes it any more. Stateless; a parsed instance is read-only.
 */
final class LegacyFields {


    private final Map<String, String> values = new LinkedHashMap<>();

    private LegacyFields() {}




    private static LegacyFields parse(String text) {
        LegacyFields f = new LegacyFields();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new StorageException("corrupt stored record: line without '=': " + line);
            }
            f.values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return f;
    }

    String get(String key) {
        String raw = values.get(key);
        return raw == null ? null : unescape(raw);
    }

    String require(String key) {
        String value = get(key);
        if (value == null) {
            throw new StorageException("corrupt stored record: no " + key);
        }
        return value;
    }

    List<String> list(String key) {
        String raw = values.get(key);
        List<String> items = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return items;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                current.append(c).append(raw.charAt(++i));
            } else if (c == ',') {
                items.add(unescape(current.toString()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(unescape(current.toString()));
        return items;
    }


    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
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
    static CouponDefinition definition(String text) {
        try {
            LegacyFields f = parse(text);
            CurrencyAmounts amounts = CurrencyAmounts.of("discount.amounts", f.list("discount.amounts").stream().map(LegacyFields::money).toList());
            String percent = f.get("discount.percent");
            Discount discount = switch (discountType(f.require("discount.type"))) {
                case PERCENT -> new PercentDiscount(Percentage.ofBasisPoints(Integer.parseInt(percent)), amounts);
                case FIXED -> new FixedDiscount(amounts);
                case SHIPPING -> new ShippingDiscount(percent == null ? null : Percentage.ofBasisPoints(Integer.parseInt(percent)), amounts);
                // the old text form predates tiered discounts: no stored row holds one
                case TIERED, PER_UNIT, BUY_X_GET_Y, FIXED_PRICE, ORDER_AND_SHIPPING, HOST -> throw new IllegalArgumentException("the text form before version 4 has no "
                        + f.require("discount.type") + " discount");
            };
            Set<StackingClass> with = EnumSet.noneOf(StackingClass.class);
            f.list("stacking.combinesWith").forEach(c -> with.add(StackingClass.valueOf(c)));
            StackingRule stacking = new StackingRule(StackingClass.valueOf(f.require("stacking.class")),
                    Boolean.parseBoolean(f.require("stacking.exclusive")), with, Integer.parseInt(f.require("stacking.priority")));
            ProductScope scope = new ProductScope(set(f, "scope.sellers", SellerId::of), set(f, "scope.includedSkus", Sku::of),
                    set(f, "scope.includedCategories", Category::of), set(f, "scope.excludedSkus", Sku::of),
                    set(f, "scope.excludedCategories", Category::of));
            EligibilityRules rules = new EligibilityRules(scope,
                    CurrencyAmounts.of("eligibility.minOrderAmount", f.list("eligibility.minOrderAmount").stream().map(LegacyFields::money).toList()),
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
     * @param type the event type's stable name ({@link dev.couponkernel.spi.event.EventType#wireName()})
     * @param text its stored text
     * @return the event
     * @throws StorageException if the text is not a valid event of that type
     */
    static CouponEvent event(String type, String text) {
        try {
            LegacyFields f = parse(text);
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
                case COUPON_REINSTATED -> throw new StorageException("a CouponReinstated in the stored form before version 4:"
                        + " reinstating came with version 6, which writes JSON only");
                case COUPON_CODES_ADDED, COUPON_CODE_VOIDED -> throw new StorageException("a " + kind.wireName() + " in the stored"
                        + " form before version 4: campaign codes came with version 8, which writes JSON only");
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

    private static List<FraudSignal> signals(LegacyFields f) {
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

    private static <T> Set<T> set(LegacyFields f, String key, Function<String, T> parse) {
        List<String> items = f.list(key);
        Set<T> set = new HashSet<>();
        items.forEach(i -> set.add(parse.apply(i)));
        return set;
    }

    /**
     * @param text stored signals of the old form
     * @return the signals, in order
     */
    static List<FraudSignal> signals(String text) {
        try {
            return signals(parse(text));
        } catch (CouponKernelException | IllegalArgumentException e) {
            if (e instanceof StorageException s) {
                throw s;
            }
            throw new StorageException("corrupt stored fraud signals: " + e.getMessage(), e);
        }
    }
}
