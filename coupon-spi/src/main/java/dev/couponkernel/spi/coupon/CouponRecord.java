package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * A coupon as a store keeps it: identity, definition, lifecycle status and the version used for
 * optimistic concurrency (each saved change increments it by one). Immutable and thread-safe.
 *
 * @param id the coupon's identity
 * @param definition what the coupon is
 * @param status where it is in its lifecycle
 * @param version 0 for a coupon never saved, then one more per saved change
 * @param createdAt when the coupon was created
 * @param updatedAt when it last changed
 */
public record CouponRecord(
        CouponId id, CouponDefinition definition, CouponStatus status, long version, Instant createdAt, Instant updatedAt) {

    /**
     * Validates the parts.
     *
     * @param id the coupon's identity
     * @param definition what the coupon is
     * @param status where it is in its lifecycle
     * @param version 0 for a coupon never saved, then one more per saved change
     * @param createdAt when the coupon was created
     * @param updatedAt when it last changed
     */
    public CouponRecord {
        Checks.notNull(id, "id");
        Checks.notNull(definition, "definition");
        Checks.notNull(status, "status");
        Checks.nonNegative(version, "version");
        Checks.notNull(createdAt, "createdAt");
        Checks.notNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new InvalidInputException("updatedAt", updatedAt + " is before createdAt " + createdAt);
        }
    }
}
