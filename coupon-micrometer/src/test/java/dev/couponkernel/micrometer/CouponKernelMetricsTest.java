package dev.couponkernel.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.storage.InMemoryAttemptLog;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The instrumented kernel times each command by outcome, counts rejections by reason and fraud
 * verdicts by decision and signal, records errors with their type, and passes results and
 * exceptions through unchanged; with the application's observation registry the same commands are
 * observations a tracer sees.
 */
class CouponKernelMetricsTest {

    private static final Actor STAFF = Actor.of("staff:test");

    private static CouponKernel.Builder kernel(FraudGuard guard) {
        CouponKernel.Builder b = kernel();
        return b.fraudGuard(guard);
    }

    private static CouponKernel.Builder kernel() {
        return CouponKernel.builder().storage(InMemoryCouponStorage.create())
                .carts(id -> Optional.of(Cart.of(Money.of("4.90", "EUR"),
                        CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)));
    }

    @Test
    void commandsAreTimedByOutcomeAndRejectionsCountedByReason() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CouponKernelMetrics metrics = CouponKernelMetrics.of(meters);
        FraudGuard guard = FraudGuard.builder(InMemoryAttemptLog.create())
                .provider(check -> List.of(FraudSignal.of("host-blocklist",
                        check.attempt().codeAsTyped().equals("LISTED") ? 100 : 0, "listed")))
                .listener(metrics.fraudVerdicts()).build();
        CouponKernel kernel = metrics.instrument(kernel(guard).build());

        CouponRecord coupon = kernel.create(CouponDefinition.builder("SAVE10").percentOff(10)
                .limits(UsageLimits.of(10, 1)).build(), STAFF);
        kernel.activate(coupon.id(), STAFF);
        kernel.create(CouponDefinition.builder("LISTED").percentOff(10).build(), STAFF);
        assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVE10")).totalDiscount())
                .isEqualTo(Money.of("6.00", "EUR"));
        kernel.validate(ValidateRequest.of("u-1", "cart-1", "NOPE99"));
        kernel.validate(ValidateRequest.of("u-1", "cart-1", "LISTED"));
        assertThat(kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "SAVE10")).usages()).hasSize(1);
        kernel.apply(ApplyRequest.of("co-2", "u-1", "cart-1", "SAVE10"));  // the customer's one use is taken
        kernel.redeem(CheckoutId.of("co-1"), UserId.of("u-1"), OrderId.of("o-1"), STAFF);
        kernel.release(CheckoutId.of("co-9"), UserId.of("u-1"), "never locked", STAFF);
        kernel.reinstate(CheckoutId.of("co-1"), OrderId.of("o-1"), "order cancelled", STAFF); // SAVE10 keeps its uses
        assertThatThrownBy(() -> kernel.activate(CouponId.of("missing"), STAFF)).isInstanceOf(NotFoundException.class);

        assertThat(timer(meters, "validate", "applied", "none")).isEqualTo(1);
        assertThat(timer(meters, "validate", "rejected", "none")).isEqualTo(2);
        assertThat(timer(meters, "apply", "locked", "none")).isEqualTo(1);
        assertThat(timer(meters, "apply", "rejected", "none")).isEqualTo(1);
        assertThat(timer(meters, "redeem", "redeemed", "none")).isEqualTo(1);
        assertThat(timer(meters, "release", "not_found", "none")).isEqualTo(1);
        assertThat(timer(meters, "reinstate", "not_allowed", "none")).isEqualTo(1);
        assertThat(timer(meters, "activate", "ok", "none")).isEqualTo(1);
        assertThat(timer(meters, "activate", "error", "NotFoundException")).isEqualTo(1);
        assertThat(rejections(meters, "validate", "UNKNOWN_CODE")).isEqualTo(1);
        assertThat(rejections(meters, "validate", "SUSPECTED_FRAUD")).isEqualTo(1);
        assertThat(rejections(meters, "apply", "USER_LIMIT_REACHED")).isEqualTo(1);

        assertThat(meters.get("couponkernel.fraud.verdicts").tag("decision", "block").counter().count()).isEqualTo(1);
        assertThat(meters.get("couponkernel.fraud.verdicts").tag("decision", "allow").counter().count()).isEqualTo(4);
        assertThat(meters.get("couponkernel.fraud.signals").tag("signal", "host-blocklist").counter().count()).isEqualTo(1);
        assertThat(meters.get("couponkernel.fraud.score").summary().max()).isEqualTo(100);
    }

    @Test
    void theSweepAndTheRelayCountWhatTheyDid() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CouponKernelMetrics metrics = CouponKernelMetrics.of(meters);
        Instant past = Instant.now().minusSeconds(3_600);
        CouponKernel kernel = metrics.instrument(kernel()
                .clock(java.time.Clock.fixed(past, java.time.ZoneOffset.UTC)).relayAfterCommand(0).build());
        CouponRecord coupon = kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).build(), STAFF);
        kernel.activate(coupon.id(), STAFF);
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "SAVE10"));
        int published = kernel.publishPendingEvents();
        assertThat(published).isEqualTo(3);
        assertThat(meters.get("couponkernel.relay.published").counter().count()).isEqualTo(3);
        assertThat(timer(meters, "publish_pending_events", "published", "none")).isEqualTo(1);
        assertThat(meters.get("couponkernel.sweep.released").counter().count()).isZero();
    }

    @Test
    void withTheApplicationsObservationRegistryCommandsAreObservations() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        CouponKernel kernel = CouponKernelMetrics.of(new SimpleMeterRegistry(), observations).instrument(kernel().build());
        kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).build(), STAFF);
        assertThatThrownBy(() -> kernel.activate(CouponId.of("missing"), STAFF)).isInstanceOf(NotFoundException.class);

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo("couponkernel.command", 2)
                .hasAnObservation(o -> o.hasNameEqualTo("couponkernel.command").hasContextualNameEqualTo("couponkernel create")
                        .hasLowCardinalityKeyValue("command", "create").hasLowCardinalityKeyValue("outcome", "ok")
                        )
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("command", "activate")
                        .hasLowCardinalityKeyValue("outcome", "error").assertThatError().isInstanceOf(NotFoundException.class));
    }

    private static long timer(SimpleMeterRegistry meters, String command, String outcome, String error) {
        return meters.get("couponkernel.command").tag("command", command).tag("outcome", outcome).tag("error", error)
                .timer().count();
    }

    private static double rejections(SimpleMeterRegistry meters, String command, String reason) {
        return meters.get("couponkernel.rejections").tag("command", command).tag("reason", reason).counter().count();
    }
}
