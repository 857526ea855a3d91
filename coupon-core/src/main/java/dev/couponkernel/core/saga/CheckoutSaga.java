package dev.couponkernel.core.saga;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.Actor;

/**
 * The checkout saga: {@code CheckoutStarted -> validate + lock (CouponApplied)}, {@code OrderCreated
 * -> redeem (CouponRedeemed)}, {@code CheckoutFailed -> release (CouponReleased, count restored)},
 * {@code OrderCancelled -> reinstate (CouponReinstated, count restored where the coupon allows it)},
 * and locks whose time-to-live passes are released by {@link #sweep(int)}.
 *
 * <p>Every handler is idempotent under redelivery: the checkout id is the key of every ledger
 * operation. Reordering has a defined outcome, because the ledger closes a checkout once it is
 * redeemed or released (even when it had no coupon): a late CheckoutStarted locks nothing. The
 * cases are listed in {@link SagaOutcome.Status} and explained in {@code docs/failure_scenarios.md}.
 *
 * <p>Thread-safe: it holds only the kernel.
 */
public final class CheckoutSaga {

    private final CouponKernel kernel;

    /**
     * Creates the saga.
     *
     * @param kernel the kernel it drives
     */
    public CheckoutSaga(CouponKernel kernel) {
        this.kernel = Checks.notNull(kernel, "kernel");
    }

    /**
     * Handles one message.
     *
     * @param message the message
     * @return what was done
     */
    public SagaOutcome handle(CheckoutMessage message) {
        Checks.notNull(message, "message");
        return message.on(new CheckoutMessage.Cases<>() {
            @Override
            public SagaOutcome started(CheckoutMessage.CheckoutStarted m) {
                return CheckoutSaga.this.started(m);
            }

            @Override
            public SagaOutcome orderCreated(CheckoutMessage.OrderCreated m) {
                return CheckoutSaga.this.orderCreated(m);
            }

            @Override
            public SagaOutcome failed(CheckoutMessage.CheckoutFailed m) {
                return CheckoutSaga.this.failed(m);
            }

            @Override
            public SagaOutcome orderCancelled(CheckoutMessage.OrderCancelled m) {
                return CheckoutSaga.this.orderCancelled(m);
            }
        });
    }

    private SagaOutcome started(CheckoutMessage.CheckoutStarted m) {
        ApplyResult result = kernel.apply(new ApplyRequest(m.checkoutId(), m.userId(), m.cartId(), m.codes(), m.channel()));
        if (!result.usages().isEmpty()) {
            return new SagaOutcome(m.checkoutId(), SagaOutcome.Status.COUPONS_LOCKED,
                    "locked " + result.decision().appliedCodes());
        }
        boolean closed = result.decision().rejected().stream().anyMatch(r -> r.reason() == RejectionReason.CHECKOUT_CLOSED);
        return closed
                ? new SagaOutcome(m.checkoutId(), SagaOutcome.Status.CHECKOUT_ALREADY_CLOSED,
                        "the checkout was already redeemed or released")
                : new SagaOutcome(m.checkoutId(), SagaOutcome.Status.NO_COUPON_APPLIES,
                        "rejected " + result.decision().rejected());
    }

    private SagaOutcome orderCreated(CheckoutMessage.OrderCreated m) {
        RedeemResult result = kernel.redeem(m.checkoutId(), m.orderId(), Actor.CHECKOUT);
        SagaOutcome.Status status = switch (result.status()) {
            case REDEEMED -> SagaOutcome.Status.REDEEMED;
            case ALREADY_REDEEMED -> SagaOutcome.Status.ALREADY_REDEEMED;
            case NOT_FOUND -> SagaOutcome.Status.NO_COUPON_TO_REDEEM;
            case RELEASED -> SagaOutcome.Status.REDEEM_AFTER_RELEASE;
            case LOCK_EXPIRED -> SagaOutcome.Status.LOCK_EXPIRED;
        };
        return new SagaOutcome(m.checkoutId(), status, "order " + m.orderId() + ": " + result.status());
    }

    private SagaOutcome failed(CheckoutMessage.CheckoutFailed m) {
        ReleaseResult result = kernel.release(m.checkoutId(), m.reason(), Actor.CHECKOUT);
        SagaOutcome.Status status = switch (result.status()) {
            case RELEASED -> SagaOutcome.Status.RELEASED;
            case ALREADY_RELEASED -> SagaOutcome.Status.ALREADY_RELEASED;
            case ALREADY_REDEEMED -> SagaOutcome.Status.RELEASE_AFTER_REDEEM;
            case NOT_FOUND -> SagaOutcome.Status.NO_COUPON_TO_RELEASE;
        };
        return new SagaOutcome(m.checkoutId(), status, m.reason() + ": " + result.status());
    }

    private SagaOutcome orderCancelled(CheckoutMessage.OrderCancelled m) {
        ReinstateResult result = kernel.reinstate(m.checkoutId(), m.orderId(), m.reason(), Actor.CHECKOUT);
        SagaOutcome.Status status = switch (result.status()) {
            case REINSTATED -> SagaOutcome.Status.REINSTATED;
            case ALREADY_REINSTATED -> SagaOutcome.Status.ALREADY_REINSTATED;
            case NOT_ALLOWED -> SagaOutcome.Status.REDEEMED_USE_IS_FINAL;
            case NOT_REDEEMED -> SagaOutcome.Status.CANCEL_BEFORE_REDEEM;
            case NOT_FOUND -> SagaOutcome.Status.NO_COUPON_TO_REINSTATE;
        };
        return new SagaOutcome(m.checkoutId(), status, "order " + m.orderId() + " cancelled (" + m.reason() + "): "
                + result.status());
    }

    /**
     * Runs the expiry sweep: releases locks whose time-to-live passed (CouponReleased with reason
     * {@code expired}). Run it on a schedule, on one node or many.
     *
     * @param maxLocks the most locks to release in this call
     * @return how many were released
     */
    public int sweep(int maxLocks) {
        return kernel.expireLocks(maxLocks);
    }
}
