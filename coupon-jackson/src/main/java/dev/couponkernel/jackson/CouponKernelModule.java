package dev.couponkernel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.LineAllocation;
import dev.couponkernel.core.pricing.LinePrice;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.jackson.internal.FlowWire;
import dev.couponkernel.jackson.internal.JsonIn;
import dev.couponkernel.jackson.internal.ValueWire;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.io.IOException;
import java.util.function.Function;

/**
 * The Jackson 2 module for the kernel's wire format: value objects, coupons, carts, pricing
 * requests and decisions, the use cases' commands and results, audit entries, events and event
 * envelopes. Register it explicitly ({@code mapper.registerModule(new CouponKernelModule())}) or
 * let {@code ObjectMapper.findAndRegisterModules()} find it through {@link java.util.ServiceLoader}.
 * {@link CouponJson} gives a mapper configured for strict reading.
 *
 * <p>Money is {@code {"amount": "12.34", "currency": "EUR"}}, the amount a decimal string, never a
 * binary number; ids and codes are strings; instants ISO-8601 in UTC. Every reader fails with a
 * {@link CouponJsonException} naming the JSON path. See {@code docs/json.md} for each type.
 *
 * <p>Thread-safe: the serializers and deserializers hold no state.
 */
public final class CouponKernelModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** This module's version, as the build wrote it into {@code coupon-jackson.properties}. */
    private static final Version VERSION = buildVersion();

    private static Version buildVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = CouponKernelModule.class.getResourceAsStream("coupon-jackson.properties")) {
            if (in == null) {
                throw new IllegalStateException("coupon-jackson.properties is missing from the module's jar");
            }
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read coupon-jackson.properties", e);
        }
        return com.fasterxml.jackson.core.util.VersionUtil.parseVersion(p.getProperty("version"), "dev.couponkernel",
                "coupon-jackson");
    }

    /** Creates the module with every mapping registered. */
    public CouponKernelModule() {
        super("CouponKernelModule", VERSION);
        ids();
        map(Money.class, ValueWire::money, ValueWire::money);
        map(UsageLimits.class, ValueWire::limits, ValueWire::limits);
        map(ValidityPeriod.class, ValueWire::validity, ValueWire::validity);
        map(UsageCount.class, ValueWire::usageCount, ValueWire::usageCount);
        map(Discount.class, ValueWire::discount, ValueWire::discount);
        for (Class<? extends Discount> type : java.util.List.of(PercentDiscount.class, FixedDiscount.class, ShippingDiscount.class)) {
            subtype(type, ValueWire::discount, ValueWire::discount);
        }
        map(StackingRule.class, ValueWire::stacking, ValueWire::stacking);
        map(ProductScope.class, ValueWire::scope, ValueWire::scope);
        map(EligibilityRules.class, ValueWire::eligibility, ValueWire::eligibility);
        map(CouponDefinition.class, ValueWire::definition, ValueWire::definition);
        map(CouponRecord.class, ValueWire::record, ValueWire::record);
        map(CartLine.class, ValueWire::line, ValueWire::line);
        map(Cart.class, ValueWire::cart, ValueWire::cart);
        map(Customer.class, ValueWire::customer, ValueWire::customer);
        map(PricingRequest.class, FlowWire::pricingRequest, FlowWire::pricingRequest);
        map(PricingDecision.class, FlowWire::decision, FlowWire::decision);
        map(AppliedCoupon.class, FlowWire::applied, FlowWire::applied);
        map(RejectedCoupon.class, FlowWire::rejected, FlowWire::rejected);
        map(LineAllocation.class, FlowWire::allocation, FlowWire::allocation);
        map(LinePrice.class, FlowWire::linePrice, FlowWire::linePrice);
        map(EligibilityOutcome.class, FlowWire::eligibilityOutcome, FlowWire::eligibilityOutcome);
        map(ApplyRequest.class, FlowWire::applyRequest, FlowWire::applyRequest);
        map(ValidateRequest.class, FlowWire::validateRequest, FlowWire::validateRequest);
        map(ApplyResult.class, FlowWire::applyResult, FlowWire::applyResult);
        map(UsageRecord.class, FlowWire::usage, FlowWire::usage);
        map(RedeemResult.class, FlowWire::redeemResult, FlowWire::redeemResult);
        map(ReleaseResult.class, FlowWire::releaseResult, FlowWire::releaseResult);
        map(AuditEntry.class, FlowWire::auditEntry, FlowWire::auditEntry);
        map(AuditVerification.class, FlowWire::auditVerification, FlowWire::auditVerification);
        map(CouponEvent.class, FlowWire::event, FlowWire::event);
        for (Class<?> type : CouponEvent.class.getPermittedSubclasses()) {
            subtype(type.asSubclass(CouponEvent.class), FlowWire::event, FlowWire::event);
        }
        map(dev.couponkernel.core.fraud.FraudVerdict.class, FlowWire::verdict, FlowWire::verdict);
        map(dev.couponkernel.spi.fraud.ClientInfo.class, FlowWire::clientInfo, FlowWire::clientInfo);
        map(EventEnvelope.class, FlowWire::envelope, FlowWire::envelope);
    }

    private void ids() {
        text(CouponCode.class, CouponCode::value, CouponCode::parse);
        text(CouponId.class, CouponId::value, CouponId::of);
        text(UsageId.class, UsageId::value, UsageId::of);
        text(CheckoutId.class, CheckoutId::value, CheckoutId::of);
        text(OrderId.class, OrderId::value, OrderId::of);
        text(UserId.class, UserId::value, UserId::of);
        text(CartId.class, CartId::value, CartId::of);
        text(LineId.class, LineId::value, LineId::of);
        text(Sku.class, Sku::value, Sku::of);
        text(SellerId.class, SellerId::value, SellerId::of);
        text(Category.class, Category::value, Category::of);
        text(Segment.class, Segment::value, Segment::of);
        text(Channel.class, Channel::value, Channel::of);
        text(Actor.class, Actor::name, Actor::of);
    }

    /** Writes one value. */
    @FunctionalInterface
    private interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private <T> void map(Class<T> type, Writer<? super T> writer, JsonIn.Reader<? extends T> reader) {
        addSerializer(type, serializer(type, writer));
        addDeserializer(type, deserializer(type, reader));
    }

    /** A subtype reads through its supertype's reader and must come out as the subtype. */
    private <T> void subtype(Class<T> type, Writer<? super T> writer, JsonIn.Reader<?> reader) {
        addSerializer(type, serializer(type, writer));
        addDeserializer(type, deserializer(type, in -> {
            Object value = reader.read(in);
            if (!type.isInstance(value)) {
                throw in.error("is a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
            }
            return type.cast(value);
        }));
    }

    private <T> void text(Class<T> type, Function<T, String> text, Function<String, T> parse) {
        map(type, (g, v) -> g.writeString(text.apply(v)), in -> in.asText(parse));
    }

    private static <T> StdSerializer<T> serializer(Class<T> type, Writer<? super T> writer) {
        return new StdSerializer<>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
                writer.write(g, value);
            }
        };
    }

    private static <T> StdDeserializer<T> deserializer(Class<T> type, JsonIn.Reader<? extends T> reader) {
        return new StdDeserializer<>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonNode node = ctx.readTree(p);
                return reader.read(JsonIn.root(node, p));
            }
        };
    }
}
