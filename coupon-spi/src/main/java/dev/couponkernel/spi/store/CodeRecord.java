package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * One of a campaign's unique codes as a store keeps it. Immutable and thread-safe.
 *
 * @param code the code
 * @param couponId the coupon it belongs to
 * @param batchId the batch that added it
 * @param createdAt when it was added
 * @param used its usages counted now (LOCKED plus REDEEMED)
 * @param redeemed its REDEEMED usages now
 * @param lastLockedAt the latest lock of it, or null when never locked
 * @param lastRedeemedAt the latest redeem of it, or null when never redeemed
 * @param voidedAt when it was voided, or null
 */
public record CodeRecord(CouponCode code, CouponId couponId, String batchId, Instant createdAt, long used, long redeemed,
        Instant lastLockedAt, Instant lastRedeemedAt, Instant voidedAt) {

    /**
     * Validates the parts.
     *
     * @param code the code
     * @param couponId the coupon it belongs to
     * @param batchId the batch that added it
     * @param createdAt when it was added
     * @param used its usages counted now
     * @param redeemed its REDEEMED usages now, at most {@code used}
     * @param lastLockedAt the latest lock, or null
     * @param lastRedeemedAt the latest redeem, or null
     * @param voidedAt when it was voided, or null
     */
    public CodeRecord {
        Checks.notNull(code, "code");
        Checks.notNull(couponId, "couponId");
        Checks.notNull(batchId, "batchId");
        Checks.notNull(createdAt, "createdAt");
        Checks.nonNegative(used, "used");
        Checks.nonNegative(redeemed, "redeemed");
        if (redeemed > used) {
            throw new IllegalArgumentException("code " + code + " has " + redeemed + " redeemed of " + used + " counted uses");
        }
    }

    /** @return where the code stands: voided, locked (a use not redeemed yet), redeemed, or unused */
    public CodeState state() {
        if (voidedAt != null) {
            return CodeState.VOIDED;
        }
        if (used > redeemed) {
            return CodeState.LOCKED;
        }
        return redeemed > 0 ? CodeState.REDEEMED : CodeState.UNUSED;
    }
}
