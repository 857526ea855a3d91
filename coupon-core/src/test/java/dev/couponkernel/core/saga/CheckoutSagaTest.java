package dev.couponkernel.core.saga;

import static dev.couponkernel.core.KernelHarness.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.KernelHarness;
import dev.couponkernel.core.saga.CheckoutMessage.CheckoutFailed;
import dev.couponkernel.core.saga.CheckoutMessage.CheckoutStarted;
import dev.couponkernel.core.saga.CheckoutMessage.OrderCancelled;
import dev.couponkernel.core.saga.CheckoutMessage.OrderCreated;
import dev.couponkernel.core.saga.SagaOutcome.Status;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.ReinstatePolicy;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each scenario of docs/failure_scenarios.md, in the order the document gives them. */
class CheckoutSagaTest {

    private final KernelHarness h = new KernelHarness();
    private final CheckoutSaga saga = new CheckoutSaga(h.kernel);
    private final CouponRecord coupon =
            h.active(CouponDefinition.builder("TENOFF").percentOff(10).limits(UsageLimits.of(1, 1)).build());

    private static CheckoutStarted started(String checkout) {
        return new CheckoutStarted(CheckoutId.of(checkout), UserId.of("u-1"), CartId.of("cart-1"), List.of("TENOFF"), null);
    }

    private static OrderCreated order(String checkout, String order) {
        return new OrderCreated(CheckoutId.of(checkout), OrderId.of(order));
    }

    private static CheckoutFailed failed(String checkout) {
        return new CheckoutFailed(CheckoutId.of(checkout), "payment declined");
    }

    private long used() {
        return h.storage.ledger().count(coupon.id(), UserId.of("u-1")).total();
    }

    private UsageStatus usage(String checkout) {
        return h.storage.ledger().usagesOf(CheckoutId.of(checkout)).get(0).status();
    }

    @Test
    void s1_success() {
        assertThat(saga.handle(started("co-1")).status()).isEqualTo(Status.COUPONS_LOCKED);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.REDEEMED);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.REDEEMED);
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void s2_failureReleasesAndRestoresTheCount() {
        saga.handle(started("co-1"));
        assertThat(saga.handle(failed("co-1")).status()).isEqualTo(Status.RELEASED);
        assertThat(used()).isZero();
        assertThat(saga.handle(started("co-2")).status()).as("the use is free again").isEqualTo(Status.COUPONS_LOCKED);
    }

    @Test
    void s3_timeoutIsReleasedByTheSweep() {
        saga.handle(started("co-1"));
        h.clock.advance(TTL);
        assertThat(saga.sweep(100)).isEqualTo(1);
        assertThat(used()).isZero();
    }

    @Test
    void s4_redeliveryOfEachMessageIsIdempotent() {
        assertThat(saga.handle(started("co-1")).status()).isEqualTo(Status.COUPONS_LOCKED);
        assertThat(saga.handle(started("co-1")).status()).isEqualTo(Status.COUPONS_LOCKED);
        assertThat(used()).isEqualTo(1);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.REDEEMED);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.ALREADY_REDEEMED);
        assertThat(saga.handle(started("co-1")).status()).isEqualTo(Status.CHECKOUT_ALREADY_CLOSED);

        saga.handle(started("co-2"));
        assertThat(used()).as("limit 1: the second checkout got nothing").isEqualTo(1);
        h.kernel.changeLimits(coupon.id(), UsageLimits.of(3, 3), KernelHarness.STAFF);
        saga.handle(started("co-3"));
        assertThat(saga.handle(failed("co-3")).status()).isEqualTo(Status.RELEASED);
        assertThat(saga.handle(failed("co-3")).status()).isEqualTo(Status.ALREADY_RELEASED);
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void s5_orderCreatedAfterTheLockExpired() {
        saga.handle(started("co-1"));
        h.clock.advance(TTL.plus(Duration.ofSeconds(1)));
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.LOCK_EXPIRED);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.LOCKED);

        saga.sweep(100);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.REDEEM_AFTER_RELEASE);
        assertThat(used()).isZero();
    }

    @Test
    void s6_checkoutFailedAfterTheOrderWasCreated() {
        saga.handle(started("co-1"));
        saga.handle(order("co-1", "o-1"));
        assertThat(saga.handle(failed("co-1")).status()).isEqualTo(Status.RELEASE_AFTER_REDEEM);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.REDEEMED);
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void s7_checkoutFailedBeforeCheckoutStarted() {
        assertThat(saga.handle(failed("co-1")).status()).isEqualTo(Status.NO_COUPON_TO_RELEASE);
        assertThat(saga.handle(started("co-1")).status()).isEqualTo(Status.CHECKOUT_ALREADY_CLOSED);
        assertThat(used()).isZero();
    }

    @Test
    void s8_orderCreatedBeforeCheckoutStarted() {
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.NO_COUPON_TO_REDEEM);
        assertThat(saga.handle(started("co-1")).status()).isEqualTo(Status.CHECKOUT_ALREADY_CLOSED);
        assertThat(used()).isZero();
    }

    @Test
    void s9_releaseAfterTheLockExpired() {
        saga.handle(started("co-1"));
        h.clock.advance(TTL);
        saga.sweep(100);
        assertThat(saga.handle(failed("co-1")).status()).isEqualTo(Status.ALREADY_RELEASED);
        assertThat(used()).isZero();
    }

    @Test
    void s10_noCouponApplies() {
        CheckoutStarted unknown = new CheckoutStarted(CheckoutId.of("co-1"), UserId.of("u-1"), CartId.of("cart-1"),
                List.of("NOSUCH"), null);
        assertThat(saga.handle(unknown).status()).isEqualTo(Status.NO_COUPON_APPLIES);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.NO_COUPON_TO_REDEEM);
    }

    // ---- cancelled orders (docs/failure_scenarios.md, "Reinstating a use") ----

    private final CouponRecord giving = h.active(CouponDefinition.builder("BACK10").percentOff(10).limits(UsageLimits.of(1, 1))
            .reinstatePolicy(ReinstatePolicy.ON_CANCELLED_ORDER).build());

    private static CheckoutStarted startedWith(String checkout, String code) {
        return new CheckoutStarted(CheckoutId.of(checkout), UserId.of("u-1"), CartId.of("cart-1"), List.of(code), null);
    }

    private static OrderCancelled cancelled(String checkout, String order) {
        return new OrderCancelled(CheckoutId.of(checkout), OrderId.of(order), "customer cancelled");
    }

    private long usedOf(CouponRecord c) {
        return h.storage.ledger().count(c.id(), UserId.of("u-1")).total();
    }

    @Test
    void s11_orderCancelledGivesTheUseBack() {
        saga.handle(startedWith("co-1", "BACK10"));
        saga.handle(order("co-1", "o-1"));
        assertThat(saga.handle(startedWith("co-2", "BACK10")).status()).as("one use per customer").isEqualTo(Status.NO_COUPON_APPLIES);

        assertThat(saga.handle(cancelled("co-1", "o-1")).status()).isEqualTo(Status.REINSTATED);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.REINSTATED);
        assertThat(usedOf(giving)).isZero();
        assertThat(saga.handle(startedWith("co-3", "BACK10")).status()).as("the use is the customer's again")
                .isEqualTo(Status.COUPONS_LOCKED);
    }

    @Test
    void s12_redeliveredCancellationsAndOrdersChangeNothing() {
        saga.handle(startedWith("co-1", "BACK10"));
        saga.handle(order("co-1", "o-1"));
        saga.handle(cancelled("co-1", "o-1"));

        assertThat(saga.handle(cancelled("co-1", "o-1")).status()).isEqualTo(Status.ALREADY_REINSTATED);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.ALREADY_REDEEMED);
        assertThat(saga.handle(failed("co-1")).status()).isEqualTo(Status.RELEASE_AFTER_REDEEM);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.REINSTATED);
        assertThat(usedOf(giving)).isZero();
        assertThat(h.storage.audit().byCoupon(giving.id())).filteredOn(e -> e.action() == AuditAction.USAGE_REINSTATED).hasSize(1);
    }

    @Test
    void s13_cancelledOrderOfACouponThatKeepsItsUse() {
        saga.handle(started("co-1"));
        saga.handle(order("co-1", "o-1"));
        assertThat(saga.handle(cancelled("co-1", "o-1")).status()).isEqualTo(Status.REDEEMED_USE_IS_FINAL);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.REDEEMED);
        assertThat(used()).isEqualTo(1);
    }

    @Test
    void s14_orderCancelledBeforeOrderCreated() {
        saga.handle(startedWith("co-1", "BACK10"));
        assertThat(saga.handle(cancelled("co-1", "o-1")).status()).isEqualTo(Status.CANCEL_BEFORE_REDEEM);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.LOCKED);
        assertThat(saga.handle(order("co-1", "o-1")).status()).isEqualTo(Status.REDEEMED);
        assertThat(saga.handle(cancelled("co-1", "o-1")).status()).as("the redelivered cancellation").isEqualTo(Status.REINSTATED);
        assertThat(usedOf(giving)).isZero();
    }

    @Test
    void s15_cancellationOfAnotherOrderOrOfNoCoupon() {
        saga.handle(startedWith("co-1", "BACK10"));
        saga.handle(order("co-1", "o-1"));
        assertThatThrownBy(() -> saga.handle(cancelled("co-1", "o-2"))).isInstanceOf(ConflictException.class);
        assertThat(usage("co-1")).isEqualTo(UsageStatus.REDEEMED);
        assertThat(saga.handle(cancelled("co-none", "o-9")).status()).isEqualTo(Status.NO_COUPON_TO_REINSTATE);
    }
}
