package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;

/**
 * A use of a coupon was locked for a checkout and counts against its limits. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param usageId the usage
 * @param userId the customer
 * @param checkoutId the checkout
 * @param expiresAt when the lock expires unless redeemed or released
 */
public record CouponApplied(
        CouponId couponId, CouponCode code, Instant occurredAt, Actor actor,
        UsageId usageId, UserId userId, CheckoutId checkoutId, Instant expiresAt) implements CouponEvent {

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
     * @param expiresAt when the lock expires unless redeemed or released
     */
    public CouponApplied {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(usageId, "usageId");
        Checks.notNull(userId, "userId");
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(expiresAt, "expiresAt");
    }

    @Override
    public EventType type() {
        return EventType.COUPON_APPLIED;
    }
}
