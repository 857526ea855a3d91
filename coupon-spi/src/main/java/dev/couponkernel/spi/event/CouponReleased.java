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
 * A locked usage was released and its counts restored: the checkout failed, the coupon was dropped
 * from it, or the lock expired. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param usageId the usage
 * @param userId the customer
 * @param checkoutId the checkout
 * @param reason why; {@value #EXPIRED} for an expired lock
 */
public record CouponReleased(
        CouponId couponId, CouponCode code, Instant occurredAt, Actor actor,
        UsageId usageId, UserId userId, CheckoutId checkoutId, String reason) implements CouponEvent {

    /** The reason recorded when a lock expires. */
    public static final String EXPIRED = "expired";

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
     * @param reason why; {@value #EXPIRED} for an expired lock
     */
    public CouponReleased {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(usageId, "usageId");
        Checks.notNull(userId, "userId");
        Checks.notNull(checkoutId, "checkoutId");
        Checks.text(reason, "reason", 512);
    }

    /** @return whether the lock expired */
    public boolean expired() {
        return EXPIRED.equals(reason);
    }

    @Override
    public EventType type() {
        return EventType.COUPON_RELEASED;
    }
}
