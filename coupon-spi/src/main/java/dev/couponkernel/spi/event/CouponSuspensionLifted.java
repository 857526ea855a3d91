package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * The suspension of a coupon was lifted: it is active again. Done by staff after reviewing an attack. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param reason why, as the actor stated it
 */
public record CouponSuspensionLifted(CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, String reason)
        implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code
     * @param occurredAt when
     * @param actor who
     * @param reason why, as the actor stated it
     */
    public CouponSuspensionLifted {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.text(reason, "reason", 512);
    }

    @Override
    public EventType type() {
        return EventType.COUPON_SUSPENSION_LIFTED;
    }
}
