package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import java.time.Instant;

/**
 * A coupon's usage limits changed. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param limits the new limits
 */
public record CouponLimitsChanged(CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, UsageLimits limits)
        implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code
     * @param occurredAt when
     * @param actor who
     * @param limits the new limits
     */
    public CouponLimitsChanged {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(limits, "limits");
    }

    @Override
    public EventType type() {
        return EventType.COUPON_LIMITS_CHANGED;
    }
}
