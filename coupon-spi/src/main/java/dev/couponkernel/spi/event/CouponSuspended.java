package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * A coupon was suspended: usable again once lifted. The fraud guard suspends a coupon under attack by many subjects (its auto-suspension rule); staff lift it ({@link CouponSuspensionLifted}) or disable it. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who
 * @param reason why, as the actor stated it
 */
public record CouponSuspended(CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, String reason)
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
    public CouponSuspended {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.text(reason, "reason", 512);
    }

    @Override
    public EventType type() {
        return EventType.COUPON_SUSPENDED;
    }
}
