package dev.couponkernel.spi.store;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;

/**
 * A request to lock one use of a coupon for a checkout. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code, recorded on the usage
 * @param userId the customer
 * @param checkoutId the checkout; with the coupon, the idempotency key
 * @param limits the coupon's limits as the caller read them; the ledger enforces the stricter of
 *     these and the limits it holds (see {@link UsageLedger#changeLimits})
 * @param at the instant of the lock
 * @param expiresAt when the lock expires, after {@code at}
 * @param actor who asks
 * @param discount what this use takes off (merchandise and shipping), in the cart's currency, which a
 *     coupon's budget reserves; null when the caller does not price the lock (refused for a coupon with
 *     a budget)
 */
public record LockRequest(
        CouponId couponId,
        CouponCode code,
        UserId userId,
        CheckoutId checkoutId,
        UsageLimits limits,
        Instant at,
        Instant expiresAt,
        Actor actor,
        dev.couponkernel.spi.value.Money discount) {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code, recorded on the usage
     * @param userId the customer
     * @param checkoutId the checkout; with the coupon, the idempotency key
     * @param limits the coupon's limits as the caller read them; the ledger enforces the stricter of these and the limits it holds (see {@link UsageLedger#changeLimits})
     * @param at the instant of the lock
     * @param expiresAt when the lock expires, after {@code at}
     * @param actor who asks
     * @param discount what this use takes off, in the cart's currency, or null when not priced
     */
    public LockRequest {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(userId, "userId");
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(limits, "limits");
        Checks.instant(at, "at");
        Checks.instant(expiresAt, "expiresAt");
        Checks.notNull(actor, "actor");
        if (!expiresAt.isAfter(at)) {
            throw new InvalidInputException("expiresAt", "the lock expires at " + expiresAt + ", not after " + at);
        }
    }

    /**
     * This request at other instants, everything else kept: for a store that keeps instants at a
     * coarser precision than the request's (a database's microseconds).
     *
     * @param at the instant of the lock
     * @param expiresAt when the lock expires, after {@code at}
     * @return the request at those instants
     */
    public LockRequest at(Instant at, Instant expiresAt) {
        return new LockRequest(couponId, code, userId, checkoutId, limits, at, expiresAt, actor, discount);
    }

    /**
     * A lock that does not say its discount: for coupons without a budget.
     *
     * @param couponId the coupon
     * @param code its code, recorded on the usage
     * @param userId the customer
     * @param checkoutId the checkout; with the coupon, the idempotency key
     * @param limits the coupon's limits as the caller read them
     * @param at the instant of the lock
     * @param expiresAt when the lock expires, after {@code at}
     * @param actor who asks
     */
    public LockRequest(CouponId couponId, CouponCode code, UserId userId, CheckoutId checkoutId, UsageLimits limits, Instant at,
            Instant expiresAt, Actor actor) {
        this(couponId, code, userId, checkoutId, limits, at, expiresAt, actor, null);
    }
}
