package dev.couponkernel.core.coupon;

import dev.couponkernel.spi.event.CouponEvent;
import java.util.Objects;

/**
 * The result of a lifecycle transition: the coupon after it and the event that describes it.
 * Immutable and thread-safe.
 *
 * @param coupon the coupon after the transition
 * @param event the event to audit and publish once the change is stored
 */
public record CouponChange(Coupon coupon, CouponEvent event) {

    /**
     * Validates the parts.
     *
     * @param coupon the coupon after the transition
     * @param event the event to audit and publish once the change is stored
     */
    public CouponChange {
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(event, "event");
    }
}
