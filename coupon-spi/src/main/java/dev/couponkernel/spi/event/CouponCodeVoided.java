package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * One of a campaign's unique codes was voided. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code the voided code
 * @param occurredAt when
 * @param actor who
 * @param reason why
 */
public record CouponCodeVoided(CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, String reason)
        implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code the voided code
     * @param occurredAt when
     * @param actor who
     * @param reason why
     */
    public CouponCodeVoided {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.text(reason, "reason", 512);
    }

    @Override
    public EventType type() {
        return EventType.COUPON_CODE_VOIDED;
    }
}
