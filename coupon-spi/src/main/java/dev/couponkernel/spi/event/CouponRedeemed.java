package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;

/**
 * A locked usage was redeemed for an order; it counts forever. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param usageId the usage
 * @param userId the customer
 * @param checkoutId the checkout
 * @param orderId the order
 */
public record CouponRedeemed(
        CouponId couponId, CouponCode code, Instant occurredAt, Actor actor,
        UsageId usageId, UserId userId, CheckoutId checkoutId, OrderId orderId) implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code
     * @param occurredAt when
     * @param actor who
     * @param usageId the usage
     * @param userId the customer
     * @param checkoutId the checkout
     * @param orderId the order
     */
    public CouponRedeemed {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(usageId, "usageId");
        Checks.notNull(userId, "userId");
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(orderId, "orderId");
    }

    @Override
    public EventType type() {
        return EventType.COUPON_REDEEMED;
    }
}
