package dev.couponkernel.core.internal.wire;

import dev.couponkernel.spi.internal.wire.WireForm;

import static dev.couponkernel.core.internal.wire.ValueWire.enumValue;
import static dev.couponkernel.core.internal.wire.ValueWire.instant;
import static dev.couponkernel.core.internal.wire.ValueWire.money;

import dev.couponkernel.spi.internal.wire.JsonSink;
import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.eligibility.UsageCounts;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.LineAllocation;
import dev.couponkernel.core.pricing.LinePrice;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.DiscountType;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.EventType;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReinstated;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.core.fraud.FraudVerdict;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writers and readers for pricing requests and decisions, the use cases' commands and results,
 * audit entries and events. Commands and requests (what a host sends in) are strict: an unknown
 * field fails. Results and events (what the kernel sends out) tolerate unknown fields at their own
 * level, so a consumer keeps working when a later version adds one. Stateless.
 */
public final class FlowWire {

    /** The event schema version this module writes and the newest it reads. */
    public static final int EVENT_SCHEMA_VERSION = WireForm.EVENT_SCHEMA_VERSION;

    private FlowWire() {}

    // ---- pricing ----

    /** Writes a pricing request: context, coupons as stored records, unknown codes, usage counts. */
    public static void pricingRequest(JsonSink g, PricingRequest r) throws IOException {
        g.startObject();
        g.name("cart");
        ValueWire.cart(g, r.context().cart());
        g.name("customer");
        ValueWire.customer(g, r.context().customer());
        g.field("at", r.context().at().toString());
        if (r.context().channel().isPresent()) {
            g.field("channel", r.context().channel().get().value());
        }
        g.arrayField("coupons");
        for (Coupon c : r.coupons()) {
            ValueWire.record(g, c.toRecord());
        }
        g.endArray();
        g.arrayField("unknownCodes");
        for (CouponCode c : r.unknownCodes()) {
            g.string(c.value());
        }
        g.endArray();
        g.field("maxCoupons", r.maxCoupons());
        if (r.selection() != dev.couponkernel.core.pricing.StackingSelection.PRIORITY) {
            g.field("selection", r.selection().name());
        }
        g.arrayField("usage");
        Map<CouponId, UsageCount> seen = new LinkedHashMap<>();
        for (Coupon c : r.coupons()) {
            seen.putIfAbsent(c.id(), r.context().usage().of(c.id()));
        }
        for (Map.Entry<CouponId, UsageCount> e : seen.entrySet()) {
            g.startObject();
            g.field("couponId", e.getKey().value());
            g.field("total", e.getValue().total());
            g.field("byUser", e.getValue().byUser());
            g.endObject();
        }
        g.endArray();
        g.endObject();
    }

    /** Reads a pricing request (strict). */
    public static PricingRequest pricingRequest(JsonIn in) throws WireReadException {
        Cart cart = ValueWire.cart(in.obj("cart"));
        Customer customer = ValueWire.customer(in.obj("customer"));
        Instant at = in.instant("at");
        Optional<Channel> channel = in.optionalText("channel", Channel::of);
        List<CouponRecord> coupons = in.optionalList("coupons", ValueWire::record);
        List<String> unknown = in.optionalList("unknownCodes", e -> e.asText(raw -> CouponCode.parse(raw).value()));
        int maxCoupons = in.node().has("maxCoupons") ? in.int32("maxCoupons") : PricingRequest.DEFAULT_MAX_COUPONS;
        dev.couponkernel.core.pricing.StackingSelection selection = in.optionalText("selection",
                raw -> ValueWire.enumValue(dev.couponkernel.core.pricing.StackingSelection.class, raw))
                .orElse(dev.couponkernel.core.pricing.StackingSelection.PRIORITY);
        Map<CouponId, UsageCount> usage = new LinkedHashMap<>();
        for (JsonIn u : in.optionalList("usage", e -> e)) {
            CouponId id = u.text("couponId", CouponId::of);
            UsageCount count = ValueWire.usageCount(u); // total and byUser beside the id, nothing else
            if (usage.put(id, count) != null) {
                throw u.fieldError("couponId", "coupon " + id + " has usage counts twice");
            }
        }
        in.noOtherFields();
        return in.build(() -> {
            PricingRequest.Builder b = PricingRequest.builder(cart, customer).at(at).usage(UsageCounts.of(usage))
                    .maxCoupons(maxCoupons).selection(selection).coupons(coupons.stream().map(Coupon::fromRecord).toList())
                    .codes(unknown, code -> Optional.empty());
            channel.ifPresent(b::channel);
            return b.build();
        });
    }

    /** Writes a line's share of a coupon's discount. */
    public static void allocation(JsonSink g, LineAllocation a) throws IOException {
        g.startObject();
        g.field("lineId", a.lineId().value());
        money(g, "amount", a.amount());
        g.endObject();
    }

    /** Reads a line allocation. */
    public static LineAllocation allocation(JsonIn in) throws WireReadException {
        LineId line = in.text("lineId", LineId::of);
        Money amount = ValueWire.money(in, "amount");
        return in.build(() -> new LineAllocation(line, amount));
    }

    /** Writes an applied coupon with its allocation to lines. */
    public static void applied(JsonSink g, AppliedCoupon a) throws IOException {
        g.startObject();
        g.field("couponId", a.couponId().value());
        g.field("code", a.code().value());
        g.field("discountType", a.discountType().name());
        g.field("stackingClass", a.stackingClass().name());
        money(g, "amount", a.amount());
        g.arrayField("allocations");
        for (LineAllocation l : a.allocations()) {
            allocation(g, l);
        }
        g.endArray();
        money(g, "shippingDiscount", a.shippingDiscount());
        g.endObject();
    }

    /** Reads an applied coupon. */
    public static AppliedCoupon applied(JsonIn in) throws WireReadException {
        CouponId id = in.text("couponId", CouponId::of);
        CouponCode code = in.text("code", CouponCode::parse);
        DiscountType type = in.text("discountType", raw -> enumValue(DiscountType.class, raw));
        StackingClass cls = in.text("stackingClass", raw -> enumValue(StackingClass.class, raw));
        Money amount = ValueWire.money(in, "amount");
        List<LineAllocation> allocations = in.list("allocations", FlowWire::allocation);
        Money shipping = ValueWire.money(in, "shippingDiscount");
        return in.build(() -> new AppliedCoupon(id, code, type, cls, amount, allocations, shipping));
    }

    /** Writes a rejected coupon with its reason. */
    public static void rejected(JsonSink g, RejectedCoupon r) throws IOException {
        g.startObject();
        g.field("code", r.code().value());
        g.field("reason", r.reason().name());
        if (r.hostReason().isPresent()) {
            g.field("hostReason", r.hostReason().get());
        }
        g.field("message", r.message());
        g.endObject();
    }

    /** Reads a rejected coupon. */
    public static RejectedCoupon rejected(JsonIn in) throws WireReadException {
        CouponCode code = in.text("code", CouponCode::parse);
        RejectionReason reason = in.text("reason", raw -> enumValue(RejectionReason.class, raw));
        Optional<String> hostReason = in.optionalText("hostReason");
        String message = in.text("message");
        return in.build(() -> new RejectedCoupon(code, reason, message, hostReason));
    }

    /** Writes a line's price before and after the discount. */
    public static void linePrice(JsonSink g, LinePrice l) throws IOException {
        g.startObject();
        g.field("lineId", l.lineId().value());
        money(g, "before", l.before());
        money(g, "discount", l.discount());
        money(g, "after", l.after());
        g.endObject();
    }

    /** Reads a line price. */
    public static LinePrice linePrice(JsonIn in) throws WireReadException {
        LineId id = in.text("lineId", LineId::of);
        Money before = ValueWire.money(in, "before");
        Money discount = ValueWire.money(in, "discount");
        Money after = ValueWire.money(in, "after");
        return in.build(() -> new LinePrice(id, before, discount, after));
    }

    /** Writes a pricing decision with its derived totals and per-line prices for the reader's convenience. */
    public static void decision(JsonSink g, PricingDecision d) throws IOException {
        g.startObject();
        g.field("currency", d.currency().getCurrencyCode());
        money(g, "subtotal", d.subtotal());
        money(g, "shipping", d.shipping());
        money(g, "merchandiseDiscount", d.merchandiseDiscount());
        money(g, "shippingDiscount", d.shippingDiscount());
        money(g, "totalBefore", d.totalBefore());
        money(g, "totalDiscount", d.totalDiscount());
        money(g, "totalAfter", d.totalAfter());
        g.arrayField("applied");
        for (AppliedCoupon a : d.applied()) {
            applied(g, a);
        }
        g.endArray();
        g.arrayField("rejected");
        for (RejectedCoupon r : d.rejected()) {
            rejected(g, r);
        }
        g.endArray();
        g.arrayField("lines");
        for (LinePrice l : d.lines()) {
            linePrice(g, l);
        }
        g.endArray();
        g.name("cart");
        ValueWire.cart(g, d.cart());
        g.endObject();
    }

    /**
     * Reads a pricing decision. The derived figures (totals, per-line prices), when present, must
     * equal what the decision itself gives: a total edited on the way is refused, never trusted.
     */
    public static PricingDecision decision(JsonIn in) throws WireReadException {
        Cart cart = ValueWire.cart(in.obj("cart"));
        List<AppliedCoupon> applied = in.list("applied", FlowWire::applied);
        List<RejectedCoupon> rejected = in.list("rejected", FlowWire::rejected);
        Money merchandise = ValueWire.money(in, "merchandiseDiscount");
        Money shipping = ValueWire.money(in, "shippingDiscount");
        PricingDecision d = in.build(() -> new PricingDecision(cart, applied, rejected, merchandise, shipping));
        derived(in, "currency", d.currency().getCurrencyCode(), in.optionalText("currency"));
        derivedMoney(in, "subtotal", d.subtotal());
        derivedMoney(in, "shipping", d.shipping());
        derivedMoney(in, "totalBefore", d.totalBefore());
        derivedMoney(in, "totalDiscount", d.totalDiscount());
        derivedMoney(in, "totalAfter", d.totalAfter());
        if (in.node().hasNonNull("lines")) {
            List<LinePrice> lines = in.list("lines", FlowWire::linePrice);
            if (!lines.equals(d.lines())) {
                throw in.fieldError("lines", "do not match the per-line prices the decision's allocations give");
            }
        }
        return d;
    }

    private static void derivedMoney(JsonIn in, String field, Money expected) throws WireReadException {
        Optional<JsonIn> present = in.optionalObj(field);
        if (present.isEmpty()) {
            return;
        }
        Money given = ValueWire.money(present.get());
        if (!given.equals(expected)) {
            throw in.fieldError(field, "is " + given + " but the decision gives " + expected + "; derived figures are not trusted");
        }
    }

    private static void derived(JsonIn in, String field, String expected, Optional<String> given) throws WireReadException {
        if (given.isPresent() && !given.get().equals(expected)) {
            throw in.fieldError(field, "is " + given.get() + " but the decision's cart is in " + expected);
        }
    }

    /** Writes an eligibility outcome. */
    public static void eligibilityOutcome(JsonSink g, EligibilityOutcome o) throws IOException {
        g.startObject();
        g.field("eligible", o.isEligible());
        if (o.reason().isPresent()) {
            g.field("reason", o.reason().get().name());
        }
        if (o.hostReason().isPresent()) {
            g.field("hostReason", o.hostReason().get());
        }
        if (o.message().isPresent()) {
            g.field("message", o.message().get());
        }
        g.endObject();
    }

    /** Reads an eligibility outcome. */
    public static EligibilityOutcome eligibilityOutcome(JsonIn in) throws WireReadException {
        boolean eligible = in.bool("eligible");
        Optional<RejectionReason> reason = in.optionalText("reason", raw -> enumValue(RejectionReason.class, raw));
        Optional<String> hostReason = in.optionalText("hostReason");
        Optional<String> message = in.optionalText("message");
        if (eligible) {
            if (reason.isPresent() || hostReason.isPresent()) {
                throw in.fieldError("reason", "must be absent when eligible is true");
            }
            return EligibilityOutcome.eligible();
        }
        if (reason.isEmpty()) {
            throw in.fieldError("reason", "is required when eligible is false");
        }
        String text = message.orElse(reason.get().defaultMessage());
        if (reason.get() == RejectionReason.CONDITION_NOT_MET) {
            if (hostReason.isEmpty()) {
                throw in.fieldError("hostReason", "is required when the reason is CONDITION_NOT_MET");
            }
            return in.build(() -> EligibilityOutcome.rejectedByHost(hostReason.get(), text));
        }
        if (hostReason.isPresent()) {
            throw in.fieldError("hostReason", "is given only with the reason CONDITION_NOT_MET");
        }
        return in.build(() -> EligibilityOutcome.rejected(reason.get(), text));
    }

    // ---- commands and results ----

    /** Writes an apply command. */
    public static void applyRequest(JsonSink g, ApplyRequest r) throws IOException {
        g.startObject();
        g.field("checkoutId", r.checkoutId().value());
        g.field("userId", r.userId().value());
        g.field("cartId", r.cartId().value());
        ValueWire.texts(g, "codes", r.codes(), Object::toString);
        if (r.channel() != null) {
            g.field("channel", r.channel().value());
        }
        client(g, r.client());
        g.endObject();
    }

    /** Reads an apply command (strict). Codes are kept as typed; the kernel parses and reports them. */
    public static ApplyRequest applyRequest(JsonIn in) throws WireReadException {
        CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
        UserId user = in.text("userId", UserId::of);
        CartId cart = in.text("cartId", CartId::of);
        List<String> codes = in.list("codes", e -> e.asText(s -> s));
        Channel channel = in.optionalText("channel", Channel::of).orElse(null);
        ClientInfo client = client(in);
        in.noOtherFields();
        return in.build(() -> new ApplyRequest(checkout, user, cart, codes, channel, client));
    }

    /** Writes the client's fingerprints as {@code client}, unless none is known. */
    private static void client(JsonSink g, ClientInfo c) throws IOException {
        if (c.equals(ClientInfo.UNKNOWN)) {
            return;
        }
        g.name("client");
        clientInfo(g, c);
    }

    /** Writes a client's fingerprints as an object. */
    public static void clientInfo(JsonSink g, ClientInfo c) throws IOException {
        g.startObject();
        if (c.deviceFingerprint() != null) {
            g.field("deviceFingerprint", c.deviceFingerprint());
        }
        if (c.ipAddress() != null) {
            g.field("ipAddress", c.ipAddress());
        }
        if (c.paymentFingerprint() != null) {
            g.field("paymentFingerprint", c.paymentFingerprint());
        }
        g.endObject();
    }

    /** Reads the optional {@code client} object (strict). */
    private static ClientInfo client(JsonIn in) throws WireReadException {
        Optional<JsonIn> c = in.optionalObj("client");
        return c.isEmpty() ? ClientInfo.UNKNOWN : clientInfo(c.get());
    }

    /** Reads a client's fingerprints (strict). */
    public static ClientInfo clientInfo(JsonIn o) throws WireReadException {
        String device = o.optionalText("deviceFingerprint").orElse(null);
        String ip = o.optionalText("ipAddress").orElse(null);
        String payment = o.optionalText("paymentFingerprint").orElse(null);
        o.noOtherFields();
        return o.build(() -> new ClientInfo(device, ip, payment));
    }

    /** Writes fraud signals as the array {@code signals}. */
    private static void signals(JsonSink g, List<FraudSignal> signals) throws IOException {
        g.name("signals");
        WireForm.signals(g, signals);
    }

    private static List<FraudSignal> signals(JsonIn in) throws WireReadException {
        return in.list("signals", e -> {
            JsonIn o = e.object();
            String name = o.text("name");
            int score = o.int32("score");
            String evidence = o.text("evidence");
            return o.build(() -> new FraudSignal(name, score, evidence));
        });
    }

    private static FraudScore score(JsonIn in) throws WireReadException {
        int score = in.int32("score");
        return in.build(() -> FraudScore.of(score));
    }

    /** Writes a fraud verdict. */
    public static void verdict(JsonSink g, FraudVerdict v) throws IOException {
        g.startObject();
        g.field("codeAsTyped", v.codeAsTyped());
        g.field("score", v.score().value());
        g.field("decision", v.decision().name());
        signals(g, v.signals());
        g.endObject();
    }

    /** Reads a fraud verdict. */
    public static FraudVerdict verdict(JsonIn in) throws WireReadException {
        String code = in.text("codeAsTyped");
        FraudScore score = score(in);
        FraudDecision decision = in.text("decision", raw -> enumValue(FraudDecision.class, raw));
        List<FraudSignal> signals = signals(in);
        return in.build(() -> new FraudVerdict(code, score, decision, signals));
    }

    /** Writes a validate command. */
    public static void validateRequest(JsonSink g, ValidateRequest r) throws IOException {
        g.startObject();
        g.field("userId", r.userId().value());
        g.field("cartId", r.cartId().value());
        ValueWire.texts(g, "codes", r.codes(), Object::toString);
        if (r.channelIfAny().isPresent()) {
            g.field("channel", r.channelIfAny().get().value());
        }
        client(g, r.client());
        g.endObject();
    }

    /** Reads a validate command (strict). */
    public static ValidateRequest validateRequest(JsonIn in) throws WireReadException {
        UserId user = in.text("userId", UserId::of);
        CartId cart = in.text("cartId", CartId::of);
        List<String> codes = in.list("codes", e -> e.asText(s -> s));
        Channel channel = in.optionalText("channel", Channel::of).orElse(null);
        ClientInfo client = client(in);
        in.noOtherFields();
        return in.build(() -> new ValidateRequest(user, cart, codes, channel, client));
    }

    /** Writes a usage. */
    public static void usage(JsonSink g, UsageRecord u) throws IOException {
        g.startObject();
        g.field("id", u.id().value());
        g.field("couponId", u.couponId().value());
        g.field("code", u.code().value());
        g.field("userId", u.userId().value());
        g.field("checkoutId", u.checkoutId().value());
        g.field("status", u.status().name());
        g.field("lockedAt", u.lockedAt().toString());
        g.field("expiresAt", u.expiresAt().toString());
        if (u.orderId() != null) {
            g.field("orderId", u.orderId().value());
        }
        instant(g, "closedAt", u.closedAt());
        if (u.releaseReason() != null) {
            g.field("releaseReason", u.releaseReason());
        }
        instant(g, "reinstatedAt", u.reinstatedAt());
        if (u.discount() != null) {
            g.name("discount");
            ValueWire.money(g, u.discount());
        }
        g.endObject();
    }

    /** Reads a usage. */
    public static UsageRecord usage(JsonIn in) throws WireReadException {
        UsageId id = in.text("id", UsageId::of);
        CouponId coupon = in.text("couponId", CouponId::of);
        CouponCode code = in.text("code", CouponCode::parse);
        UserId user = in.text("userId", UserId::of);
        CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
        UsageStatus status = in.text("status", raw -> enumValue(UsageStatus.class, raw));
        Instant locked = in.instant("lockedAt");
        Instant expires = in.instant("expiresAt");
        OrderId order = in.optionalText("orderId", OrderId::of).orElse(null);
        Instant closed = in.optionalInstant("closedAt").orElse(null);
        String reason = in.optionalText("releaseReason").orElse(null);
        Instant reinstated = in.optionalInstant("reinstatedAt").orElse(null);
        Optional<JsonIn> discounted = in.optionalObj("discount");
        Money discount = discounted.isPresent() ? ValueWire.money(discounted.get()) : null;
        return in.build(() -> new UsageRecord(id, coupon, code, user, checkout, status, locked, expires, order, closed, reason,
                reinstated, discount));
    }

    private static void usages(JsonSink g, List<UsageRecord> usages) throws IOException {
        g.arrayField("usages");
        for (UsageRecord u : usages) {
            usage(g, u);
        }
        g.endArray();
    }

    /** Writes the result of an apply. */
    public static void applyResult(JsonSink g, ApplyResult r) throws IOException {
        g.startObject();
        g.field("checkoutId", r.checkoutId().value());
        g.name("decision");
        decision(g, r.decision());
        usages(g, r.usages());
        if (!r.fraud().isEmpty()) {
            g.arrayField("fraud");
            for (FraudVerdict v : r.fraud()) {
                verdict(g, v);
            }
            g.endArray();
        }
        g.endObject();
    }

    /** Reads the result of an apply. */
    public static ApplyResult applyResult(JsonIn in) throws WireReadException {
        CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
        PricingDecision decision = decision(in.obj("decision"));
        List<UsageRecord> usages = in.list("usages", FlowWire::usage);
        List<FraudVerdict> fraud = in.optionalList("fraud", e -> verdict(e.object()));
        return in.build(() -> new ApplyResult(checkout, decision, usages, fraud));
    }

    /** Writes the result of a redeem. */
    public static void redeemResult(JsonSink g, RedeemResult r) throws IOException {
        g.startObject();
        g.field("status", r.status().name());
        usages(g, r.usages());
        g.endObject();
    }

    /** Reads the result of a redeem. */
    public static RedeemResult redeemResult(JsonIn in) throws WireReadException {
        RedeemResult.Status status = in.text("status", raw -> enumValue(RedeemResult.Status.class, raw));
        List<UsageRecord> usages = in.list("usages", FlowWire::usage);
        return in.build(() -> new RedeemResult(status, usages));
    }

    /** Writes the result of a release. */
    public static void releaseResult(JsonSink g, ReleaseResult r) throws IOException {
        g.startObject();
        g.field("status", r.status().name());
        usages(g, r.usages());
        g.endObject();
    }

    /** Reads the result of a release. */
    public static ReleaseResult releaseResult(JsonIn in) throws WireReadException {
        ReleaseResult.Status status = in.text("status", raw -> enumValue(ReleaseResult.Status.class, raw));
        List<UsageRecord> usages = in.list("usages", FlowWire::usage);
        return in.build(() -> new ReleaseResult(status, usages));
    }

    /** Writes the result of a reinstate. */
    public static void reinstateResult(JsonSink g, ReinstateResult r) throws IOException {
        g.startObject();
        g.field("status", r.status().name());
        usages(g, r.usages());
        g.endObject();
    }

    /** Reads the result of a reinstate. */
    public static ReinstateResult reinstateResult(JsonIn in) throws WireReadException {
        ReinstateResult.Status status = in.text("status", raw -> enumValue(ReinstateResult.Status.class, raw));
        List<UsageRecord> usages = in.list("usages", FlowWire::usage);
        return in.build(() -> new ReinstateResult(status, usages));
    }

    // ---- audit ----

    /** Writes an audit entry with its chain hashes. */
    public static void auditEntry(JsonSink g, AuditEntry e) throws IOException {
        g.startObject();
        g.field("sequence", e.sequence());
        g.field("couponId", e.couponId().value());
        if (e.usageId() != null) {
            g.field("usageId", e.usageId().value());
        }
        g.field("action", e.action().name());
        g.field("actor", e.actor().name());
        if (e.reason() != null) {
            g.field("reason", e.reason());
        }
        g.field("detail", e.detail());
        g.field("at", e.at().toString());
        g.field("previousHash", e.previousHash());
        g.field("hash", e.hash());
        g.endObject();
    }

    /** Reads an audit entry. */
    public static AuditEntry auditEntry(JsonIn in) throws WireReadException {
        long sequence = in.integer("sequence");
        CouponId coupon = in.text("couponId", CouponId::of);
        UsageId usage = in.optionalText("usageId", UsageId::of).orElse(null);
        AuditAction action = in.text("action", raw -> enumValue(AuditAction.class, raw));
        Actor actor = in.text("actor", Actor::of);
        String reason = in.optionalText("reason").orElse(null);
        String detail = in.text("detail");
        Instant at = in.instant("at");
        String previous = in.text("previousHash");
        String hash = in.text("hash");
        return in.build(() -> new AuditEntry(sequence, coupon, usage, action, actor, reason, detail, at, previous, hash));
    }

    /** Writes the result of verifying an audit chain. */
    public static void auditVerification(JsonSink g, AuditVerification v) throws IOException {
        g.startObject();
        g.field("couponId", v.couponId().value());
        g.field("intact", v.isIntact());
        g.field("entriesChecked", v.entriesChecked());
        g.field("intactEntries", v.intactEntries());
        if (v.firstBrokenSequence().isPresent()) {
            g.field("firstBrokenSequence", v.firstBrokenSequence().getAsLong());
        }
        if (v.problem().isPresent()) {
            g.field("problem", v.problem().get());
        }
        g.endObject();
    }

    /** Reads the result of verifying an audit chain; {@code intact}, when present, must agree. */
    public static AuditVerification auditVerification(JsonIn in) throws WireReadException {
        CouponId coupon = in.text("couponId", CouponId::of);
        int checked = in.int32("entriesChecked");
        int intact = in.int32("intactEntries");
        Optional<Long> broken = in.optionalInteger("firstBrokenSequence");
        Optional<String> problem = in.optionalText("problem");
        AuditVerification v = in.build(() -> new AuditVerification(coupon, checked, intact,
                broken.map(OptionalLong::of).orElse(OptionalLong.empty()), problem));
        if (in.node().has("intact") && in.bool("intact") != v.isIntact()) {
            throw in.fieldError("intact", "disagrees with the rest of the verification");
        }
        return v;
    }

    // ---- events ----

    /** Writes an event: {@code type} and {@code schemaVersion} first, then the common and specific fields. */
    public static void event(JsonSink g, CouponEvent e) throws IOException {
        WireForm.event(g, e);
    }

    /** The event types by their stable {@code type} name ({@link EventType#wireName()}). */
    public static final List<String> EVENT_TYPES = java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList();

    /**
     * Reads an event by its {@code type}. A {@code schemaVersion} newer than this module's is
     * refused; unknown fields are ignored, so additive changes need no new version.
     */
    public static CouponEvent event(JsonIn in) throws WireReadException {
        String type = in.text("type");
        if (!EVENT_TYPES.contains(type)) {
            throw in.fieldError("type", "'" + type + "' is not an event type; known: " + String.join(", ", EVENT_TYPES));
        }
        long version = in.integer("schemaVersion");
        if (version < 1 || version > EVENT_SCHEMA_VERSION) {
            throw in.fieldError("schemaVersion", "is " + version + "; this reader understands versions 1 to " + EVENT_SCHEMA_VERSION);
        }
        CouponId coupon = in.text("couponId", CouponId::of);
        CouponCode code = in.text("code", CouponCode::parse);
        Instant at = in.instant("occurredAt");
        Actor actor = in.text("actor", Actor::of);
        return switch (EventType.ofWireName(type)) {
            case COUPON_CREATED -> in.build(() -> new CouponCreated(coupon, code, at, actor));
            case COUPON_ACTIVATED -> in.build(() -> new CouponActivated(coupon, code, at, actor));
            case COUPON_DISABLED -> {
                String reason = in.text("reason");
                yield in.build(() -> new CouponDisabled(coupon, code, at, actor, reason));
            }
            case COUPON_SUSPENDED -> {
                String reason = in.text("reason");
                yield in.build(() -> new CouponSuspended(coupon, code, at, actor, reason));
            }
            case COUPON_SUSPENSION_LIFTED -> {
                String reason = in.text("reason");
                yield in.build(() -> new CouponSuspensionLifted(coupon, code, at, actor, reason));
            }
            case COUPON_LIMITS_CHANGED -> {
                UsageLimits limits = ValueWire.limits(in.obj("limits"));
                yield in.build(() -> new CouponLimitsChanged(coupon, code, at, actor, limits));
            }
            case COUPON_APPLIED -> {
                UsageId usage = in.text("usageId", UsageId::of);
                UserId user = in.text("userId", UserId::of);
                CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
                Instant expires = in.instant("expiresAt");
                yield in.build(() -> new CouponApplied(coupon, code, at, actor, usage, user, checkout, expires));
            }
            case COUPON_REDEEMED -> {
                UsageId usage = in.text("usageId", UsageId::of);
                UserId user = in.text("userId", UserId::of);
                CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
                OrderId order = in.text("orderId", OrderId::of);
                yield in.build(() -> new CouponRedeemed(coupon, code, at, actor, usage, user, checkout, order));
            }
            case COUPON_REINSTATED -> {
                UsageId usage = in.text("usageId", UsageId::of);
                UserId user = in.text("userId", UserId::of);
                CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
                OrderId order = in.text("orderId", OrderId::of);
                String reason = in.text("reason");
                yield in.build(() -> new CouponReinstated(coupon, code, at, actor, usage, user, checkout, order, reason));
            }
            case COUPON_CODES_ADDED -> {
                String batch = in.text("batchId");
                long added = in.integer("added");
                yield in.build(() -> new dev.couponkernel.spi.event.CouponCodesAdded(coupon, code, at, actor, batch, added));
            }
            case COUPON_CODE_VOIDED -> {
                String reason = in.text("reason");
                yield in.build(() -> new dev.couponkernel.spi.event.CouponCodeVoided(coupon, code, at, actor, reason));
            }
            case COUPON_REJECTED -> {
                UserId user = in.text("userId", UserId::of);
                AttemptKind kind = in.text("kind", raw -> enumValue(AttemptKind.class, raw));
                RejectionReason reason = in.text("reason", raw -> enumValue(RejectionReason.class, raw));
                FraudScore score = score(in);
                List<FraudSignal> signals = signals(in);
                yield in.build(() -> new CouponRejected(coupon, code, at, actor, user, kind, reason, score, signals));
            }
            case SECURITY_ALERT_RAISED -> {
                AlertLevel level = in.text("level", raw -> enumValue(AlertLevel.class, raw));
                UserId user = in.optionalText("userId", UserId::of).orElse(null);
                FraudScore score = score(in);
                List<FraudSignal> signals = signals(in);
                String summary = in.text("summary");
                yield in.build(() -> new SecurityAlertRaised(coupon, code, at, actor, level, user, score, signals, summary));
            }
            case COUPON_RELEASED -> {
                UsageId usage = in.text("usageId", UsageId::of);
                UserId user = in.text("userId", UserId::of);
                CheckoutId checkout = in.text("checkoutId", CheckoutId::of);
                String reason = in.text("reason");
                yield in.build(() -> new CouponReleased(coupon, code, at, actor, usage, user, checkout, reason));
            }
        };
    }

    /** Writes an event envelope: the id to deduplicate on, the outbox sequence and the event. */
    public static void envelope(JsonSink g, EventEnvelope e) throws IOException {
        g.startObject();
        g.field("eventId", e.eventId());
        g.field("sequence", e.sequence());
        g.field("recordedAt", e.recordedAt().toString());
        g.name("event");
        event(g, e.event());
        g.endObject();
    }

    /** Reads an event envelope. */
    public static EventEnvelope envelope(JsonIn in) throws WireReadException {
        String id = in.text("eventId");
        long sequence = in.integer("sequence");
        Instant recorded = in.instant("recordedAt");
        CouponEvent event = event(in.obj("event"));
        return in.build(() -> new EventEnvelope(id, sequence, recorded, event));
    }
}
