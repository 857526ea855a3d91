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
 * A redeemed usage was given back because its order was cancelled or refunded: it no longer counts,
 * and the coupon's and the customer's counts are one lower. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param usageId the usage
 * @param userId the customer
 * @param checkoutId the checkout
 * @param orderId the cancelled order the usage was redeemed for
 * @param reason why, as the host gave it
 */
public record CouponReinstated(
        CouponId couponId, CouponCode code, Instant occurredAt, Actor actor,
        UsageId usageId, UserId userId, CheckoutId checkoutId, OrderId orderId, String reason) implements CouponEvent {

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
     * @param orderId the cancelled order the usage was redeemed for
     * @param reason why, as the host gave it
     */
    public CouponReinstated {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(usageId, "usageId");
        Checks.notNull(userId, "userId");
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(orderId, "orderId");
        Checks.text(reason, "reason", 512);
    }

    @Override
    public EventType type() {
        return EventType.COUPON_REINSTATED;
    }
}
