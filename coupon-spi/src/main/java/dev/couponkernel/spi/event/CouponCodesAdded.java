package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * A batch of unique codes was added to a campaign (generated or imported). Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code the coupon's own code, which names the campaign
 * @param occurredAt when
 * @param actor who
 * @param batchId the batch's id
 * @param added how many codes it added
 */
public record CouponCodesAdded(CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, String batchId, long added)
        implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code the coupon's own code
     * @param occurredAt when
     * @param actor who
     * @param batchId the batch's id
     * @param added how many codes it added
     */
    public CouponCodesAdded {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.text(batchId, "batchId", 64); // as CodeBatch.checkId, which this package cannot call
        Checks.nonNegative(added, "added");
    }

    @Override
    public EventType type() {
        return EventType.COUPON_CODES_ADDED;
    }
}
