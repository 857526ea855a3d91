package dev.couponkernel.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.jackson.WireArbitraries;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.UsageRecord;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For generated values of every kind (awkward text, extreme numbers), the Jackson 3 module writes
 * exactly what the Jackson 2 module writes, and each reads the other's JSON back to an equal value.
 */
class RoundTripProperties {

    private static final CouponJson JSON3 = CouponJson.create();
    private static final dev.couponkernel.jackson.CouponJson JSON2 = dev.couponkernel.jackson.CouponJson.create();

    private static <T> void same(T value, Class<T> type) throws Exception {
        String two = JSON2.write(value);
        String three = JSON3.write(value);
        assertThat(three).isEqualTo(two);
        assertThat(JSON3.read(two, type)).isEqualTo(value);
        assertThat(JSON2.read(three, type)).isEqualTo(value);
    }

    @Property(tries = 200)
    void records(@ForAll("records") CouponRecord r) throws Exception {
        same(r, CouponRecord.class);
    }

    @Property(tries = 200)
    void carts(@ForAll("carts") Cart c) throws Exception {
        same(c, Cart.class);
    }

    @Property(tries = 100)
    void commands(@ForAll("applyRequests") ApplyRequest a, @ForAll("validateRequests") ValidateRequest v) throws Exception {
        same(a, ApplyRequest.class);
        same(v, ValidateRequest.class);
    }

    @Property(tries = 100)
    void results(@ForAll("decisions") PricingDecision d, @ForAll("applyResults") ApplyResult r, @ForAll("usages") UsageRecord u) throws Exception {
        same(d, PricingDecision.class);
        same(r, ApplyResult.class);
        same(u, UsageRecord.class);
    }

    @Property(tries = 200)
    void eventsAndAudit(@ForAll("envelopes") EventEnvelope e, @ForAll("auditEntries") AuditEntry a) throws Exception {
        same(e, EventEnvelope.class);
        same(a, AuditEntry.class);
    }

    @Provide Arbitrary<CouponRecord> records() { return WireArbitraries.records(); }
    @Provide Arbitrary<Cart> carts() { return WireArbitraries.carts(); }
    @Provide Arbitrary<ApplyRequest> applyRequests() { return WireArbitraries.applyRequests(); }
    @Provide Arbitrary<ValidateRequest> validateRequests() { return WireArbitraries.validateRequests(); }
    @Provide Arbitrary<PricingDecision> decisions() { return WireArbitraries.decisions(); }
    @Provide Arbitrary<ApplyResult> applyResults() { return WireArbitraries.applyResults(); }
    @Provide Arbitrary<UsageRecord> usages() { return WireArbitraries.usages(); }
    @Provide Arbitrary<EventEnvelope> envelopes() { return WireArbitraries.envelopes(); }
    @Provide Arbitrary<AuditEntry> auditEntries() { return WireArbitraries.auditEntries(); }
}
