package dev.couponkernel.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * value -> JSON -> value is the identity for every mapped type, and writing the value read back
 * gives the same JSON (the format is canonical: sets sorted, optional fields left out).
 */
class RoundTripProperties {

    private static final CouponJson JSON = CouponJson.create();

    private static <T> T roundTrip(T value, Class<? super T> type) throws CouponJsonException {
        String json = JSON.write(value);
        @SuppressWarnings("unchecked")
        T back = (T) JSON.read(json, type);
        assertThat(JSON.write(back)).isEqualTo(json);
        return back;
    }

    private static <T> void identity(T value, Class<? super T> type) throws CouponJsonException {
        assertThat(roundTrip(value, type)).isEqualTo(value);
    }

    @Property(tries = 300)
    void money(@ForAll("money") Money m) throws Exception {
        identity(m, Money.class);
    }

    @Property(tries = 200)
    void limitsAndValidity(@ForAll("limits") UsageLimits l, @ForAll("validities") ValidityPeriod v) throws Exception {
        identity(l, UsageLimits.class);
        identity(v, ValidityPeriod.class);
    }

    @Property(tries = 200)
    void usageCounts(@ForAll("usageCounts") UsageCount c) throws Exception {
        identity(c, UsageCount.class);
    }

    @Property(tries = 200)
    void codes(@ForAll("codes") CouponCode c) throws Exception {
        identity(c, CouponCode.class);
    }

    @Property(tries = 200)
    void definitions(@ForAll("definitions") CouponDefinition d) throws Exception {
        identity(d, CouponDefinition.class);
        identity(d.discount(), dev.couponkernel.spi.coupon.Discount.class);
        identity(d.eligibility(), dev.couponkernel.spi.coupon.EligibilityRules.class);
        identity(d.stacking(), dev.couponkernel.spi.coupon.StackingRule.class);
    }

    @Property(tries = 200)
    void records(@ForAll("records") CouponRecord r) throws Exception {
        identity(r, CouponRecord.class);
    }

    @Property(tries = 200)
    void cartsAndCustomers(@ForAll("carts") Cart cart, @ForAll("customers") Customer customer) throws Exception {
        identity(cart, Cart.class);
        identity(customer, Customer.class);
    }

    @Property(tries = 200)
    void pricingRequests(@ForAll("pricingRequests") PricingRequest r) throws Exception {
        PricingRequest back = roundTrip(r, PricingRequest.class);
        assertThat(back.context().cart()).isEqualTo(r.context().cart());
        assertThat(back.context().customer()).isEqualTo(r.context().customer());
        assertThat(back.context().at()).isEqualTo(r.context().at());
        assertThat(back.context().channel()).isEqualTo(r.context().channel());
        assertThat(back.coupons().stream().map(Coupon::toRecord).toList())
                .isEqualTo(r.coupons().stream().map(Coupon::toRecord).toList());
        for (Coupon c : r.coupons()) {
            assertThat(back.context().usage().of(c.id())).isEqualTo(r.context().usage().of(c.id()));
        }
        assertThat(back.unknownCodes()).isEqualTo(r.unknownCodes());
        assertThat(back.maxCoupons()).isEqualTo(r.maxCoupons());
        assertThat(back.selection()).isEqualTo(r.selection());
    }

    @Property(tries = 200)
    void decisions(@ForAll("decisions") PricingDecision d) throws Exception {
        identity(d, PricingDecision.class);
        for (var a : d.applied()) {
            identity(a, dev.couponkernel.core.pricing.AppliedCoupon.class);
        }
        for (var r : d.rejected()) {
            identity(r, dev.couponkernel.core.pricing.RejectedCoupon.class);
        }
        for (var l : d.lines()) {
            identity(l, dev.couponkernel.core.pricing.LinePrice.class);
        }
    }

    @Property(tries = 200)
    void commands(@ForAll("applyRequests") ApplyRequest a, @ForAll("validateRequests") ValidateRequest v) throws Exception {
        identity(a, ApplyRequest.class);
        identity(v, ValidateRequest.class);
    }

    @Property(tries = 100)
    void results(@ForAll("applyResults") ApplyResult a, @ForAll("redeemResults") RedeemResult r,
            @ForAll("releaseResults") ReleaseResult l, @ForAll("reinstateResults") dev.couponkernel.spi.store.ReinstateResult g)
            throws Exception {
        identity(a, ApplyResult.class);
        identity(r, RedeemResult.class);
        identity(l, ReleaseResult.class);
        identity(g, dev.couponkernel.spi.store.ReinstateResult.class);
    }

    @Property(tries = 200)
    void usages(@ForAll("usages") UsageRecord u) throws Exception {
        identity(u, UsageRecord.class);
    }

    @Property(tries = 300)
    void events(@ForAll("events") CouponEvent e) throws Exception {
        identity(e, CouponEvent.class);
        assertThat(JSON.read(JSON.write(e), e.getClass())).isEqualTo(e);
    }

    @Property(tries = 200)
    void envelopes(@ForAll("envelopes") EventEnvelope e) throws Exception {
        identity(e, EventEnvelope.class);
    }

    @Property(tries = 200)
    void audit(@ForAll("auditEntries") AuditEntry e, @ForAll("verifications") AuditVerification v) throws Exception {
        identity(e, AuditEntry.class);
        identity(v, AuditVerification.class);
    }

    @Property(tries = 100)
    void eligibilityOutcomes(@ForAll("eligibilityOutcomes") EligibilityOutcome o) throws Exception {
        EligibilityOutcome back = roundTrip(o, EligibilityOutcome.class);
        assertThat(back.isEligible()).isEqualTo(o.isEligible());
        assertThat(back.reason()).isEqualTo(o.reason());
        assertThat(back.message()).isEqualTo(o.message());
    }

    @Provide Arbitrary<Money> money() { return WireArbitraries.money(); }
    @Provide Arbitrary<UsageLimits> limits() { return WireArbitraries.limits(); }
    @Provide Arbitrary<ValidityPeriod> validities() { return WireArbitraries.validities(); }
    @Provide Arbitrary<UsageCount> usageCounts() { return WireArbitraries.usageCounts(); }
    @Provide Arbitrary<CouponCode> codes() { return WireArbitraries.codes(); }
    @Provide Arbitrary<CouponDefinition> definitions() { return WireArbitraries.definitions(); }
    @Provide Arbitrary<CouponRecord> records() { return WireArbitraries.records(); }
    @Provide Arbitrary<Cart> carts() { return WireArbitraries.carts(); }
    @Provide Arbitrary<Customer> customers() { return WireArbitraries.customers(); }
    @Provide Arbitrary<PricingRequest> pricingRequests() { return WireArbitraries.pricingRequests(); }
    @Provide Arbitrary<PricingDecision> decisions() { return WireArbitraries.decisions(); }
    @Provide Arbitrary<ApplyRequest> applyRequests() { return WireArbitraries.applyRequests(); }
    @Provide Arbitrary<ValidateRequest> validateRequests() { return WireArbitraries.validateRequests(); }
    @Provide Arbitrary<ApplyResult> applyResults() { return WireArbitraries.applyResults(); }
    @Provide Arbitrary<RedeemResult> redeemResults() { return WireArbitraries.redeemResults(); }
    @Provide Arbitrary<ReleaseResult> releaseResults() { return WireArbitraries.releaseResults(); }
    @Provide Arbitrary<dev.couponkernel.spi.store.ReinstateResult> reinstateResults() { return WireArbitraries.reinstateResults(); }
    @Provide Arbitrary<UsageRecord> usages() { return WireArbitraries.usages(); }
    @Provide Arbitrary<CouponEvent> events() { return WireArbitraries.events(); }
    @Provide Arbitrary<EventEnvelope> envelopes() { return WireArbitraries.envelopes(); }
    @Provide Arbitrary<AuditEntry> auditEntries() { return WireArbitraries.auditEntries(); }
    @Provide Arbitrary<AuditVerification> verifications() { return WireArbitraries.verifications(); }
    @Provide Arbitrary<EligibilityOutcome> eligibilityOutcomes() { return WireArbitraries.eligibilityOutcomes(); }
}
