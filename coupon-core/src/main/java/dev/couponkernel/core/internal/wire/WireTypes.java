package dev.couponkernel.core.internal.wire;

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
import dev.couponkernel.spi.store.ReinstateResult;
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
import dev.couponkernel.spi.internal.wire.JsonSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every type of the wire format with its writer and reader: the one table the Jackson 2 and Jackson
 * 3 modules register, so both map the same types the same way. Immutable.
 */
public final class WireTypes {

    /** Writes one value. */
    @FunctionalInterface
    public interface Writer<T> {
        /**
         * @param g where to write
         * @param value the value
         * @throws IOException if the output fails
         */
        void write(JsonSink g, T value) throws IOException;
    }

    /**
     * One mapped type.
     *
     * @param type the type
     * @param writer how it is written
     * @param reader how it is read; for a subtype, through its supertype's reader, checked to give the subtype
     * @param <T> the type
     */
    public record Mapping<T>(Class<T> type, Writer<? super T> writer, JsonIn.Reader<? extends T> reader) {}

    private static final List<Mapping<?>> ALL = build();

    private WireTypes() {}

    /** @return every mapped type, in registration order */
    public static List<Mapping<?>> all() {
        return ALL;
    }

    private static List<Mapping<?>> build() {
        List<Mapping<?>> all = new ArrayList<>();
        Table t = new Table(all);
        t.ids();
        t.values();
        return List.copyOf(all);
    }

    /** Collects the mappings. */
    private static final class Table {
        private final List<Mapping<?>> all;

        Table(List<Mapping<?>> all) {
            this.all = all;
        }

        void values() {
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
            map(ReinstateResult.class, FlowWire::reinstateResult, FlowWire::reinstateResult);
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

        void ids() {
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

        <T> void map(Class<T> type, Writer<? super T> writer, JsonIn.Reader<? extends T> reader) {
            all.add(new Mapping<>(type, writer, reader));
        }

        /** A subtype reads through its supertype's reader and must come out as the subtype. */
        <T> void subtype(Class<T> type, Writer<? super T> writer, JsonIn.Reader<?> reader) {
            map(type, writer, in -> {
                Object value = reader.read(in);
                if (!type.isInstance(value)) {
                    throw in.error("is a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
                }
                return type.cast(value);
            });
        }

        <T> void text(Class<T> type, Function<T, String> text, Function<String, T> parse) {
            map(type, (g, v) -> g.string(text.apply(v)), in -> in.asText(parse));
        }
    }
}
