package dev.couponkernel.spi.store;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * One use of one coupon by one checkout, as the ledger keeps it. There is at most one usage per
 * (coupon, checkout). Immutable and thread-safe.
 *
 * @param id the usage's identity
 * @param couponId the coupon
 * @param code the coupon's code when it was locked
 * @param userId the customer
 * @param checkoutId the checkout, the idempotency key together with the coupon
 * @param status where the usage is
 * @param lockedAt when it was locked
 * @param expiresAt when the lock expires if it is neither redeemed nor released
 * @param orderId the order it was redeemed for, or null unless REDEEMED or REINSTATED
 * @param closedAt when it was redeemed or released, or null while LOCKED
 * @param releaseReason why it was released, or null unless RELEASED
 * @param reinstatedAt when it was given back after its order was cancelled, or null unless REINSTATED
 * @param discount what the use took off when it was locked, as the lock said (what a budget reserves),
 *     or null when the lock did not say
 */
public record UsageRecord(
        UsageId id,
        CouponId couponId,
        CouponCode code,
        UserId userId,
        CheckoutId checkoutId,
        UsageStatus status,
        Instant lockedAt,
        Instant expiresAt,
        OrderId orderId,
        Instant closedAt,
        String releaseReason,
        Instant reinstatedAt,
        dev.couponkernel.spi.value.Money discount) {

    /**
     * Validates the parts and that they fit the status.
     *
     * @param id the usage's identity
     * @param couponId the coupon
     * @param code the coupon's code when it was locked
     * @param userId the customer
     * @param checkoutId the checkout, the idempotency key together with the coupon
     * @param status where the usage is
     * @param lockedAt when it was locked
     * @param expiresAt when the lock expires if it is neither redeemed nor released
     * @param orderId the order it was redeemed for, or null unless REDEEMED or REINSTATED
     * @param closedAt when it was redeemed or released, or null while LOCKED
     * @param releaseReason why it was released, or null unless RELEASED
     * @param reinstatedAt when it was given back, or null unless REINSTATED; never before {@code closedAt}
     * @param discount what the use took off when it was locked, or null when the lock did not say
     */
    public UsageRecord {
        Checks.notNull(id, "usage.id");
        Checks.notNull(couponId, "usage.couponId");
        Checks.notNull(code, "usage.code");
        Checks.notNull(userId, "usage.userId");
        Checks.notNull(checkoutId, "usage.checkoutId");
        Checks.notNull(status, "usage.status");
        Checks.notNull(lockedAt, "usage.lockedAt");
        Checks.notNull(expiresAt, "usage.expiresAt");
        if (!expiresAt.isAfter(lockedAt)) {
            throw new InvalidInputException("usage.expiresAt", expiresAt + " is not after lockedAt " + lockedAt);
        }
        boolean hadOrder = status == UsageStatus.REDEEMED || status == UsageStatus.REINSTATED;
        if (hadOrder != (orderId != null)) {
            throw new InvalidInputException("usage.orderId", "a usage has an order id exactly when it is REDEEMED or REINSTATED");
        }
        if ((status == UsageStatus.LOCKED) != (closedAt == null)) {
            throw new InvalidInputException("usage.closedAt", "a usage has a closing instant exactly when it is not LOCKED");
        }
        if ((status == UsageStatus.RELEASED) != (releaseReason != null)) {
            throw new InvalidInputException("usage.releaseReason", "a usage has a release reason exactly when it is RELEASED");
        }
        if ((status == UsageStatus.REINSTATED) != (reinstatedAt != null)) {
            throw new InvalidInputException("usage.reinstatedAt", "a usage has a reinstating instant exactly when it is REINSTATED");
        }
        if (reinstatedAt != null && reinstatedAt.isBefore(closedAt)) {
            throw new InvalidInputException("usage.reinstatedAt", reinstatedAt + " is before the redeem at " + closedAt);
        }
    }

    /**
     * A usage that was never reinstated and whose lock did not say its discount: the form without
     * {@code reinstatedAt} and {@code discount}.
     *
     * @param id the usage's identity
     * @param couponId the coupon
     * @param code the coupon's code when it was locked
     * @param userId the customer
     * @param checkoutId the checkout, the idempotency key together with the coupon
     * @param status where the usage is, not REINSTATED
     * @param lockedAt when it was locked
     * @param expiresAt when the lock expires if it is neither redeemed nor released
     * @param orderId the order it was redeemed for, or null unless REDEEMED
     * @param closedAt when it was redeemed or released, or null while LOCKED
     * @param releaseReason why it was released, or null unless RELEASED
     */
    public UsageRecord(UsageId id, CouponId couponId, CouponCode code, UserId userId, CheckoutId checkoutId,
            UsageStatus status, Instant lockedAt, Instant expiresAt, OrderId orderId, Instant closedAt, String releaseReason) {
        this(id, couponId, code, userId, checkoutId, status, lockedAt, expiresAt, orderId, closedAt, releaseReason, null, null);
    }

    /**
     * Returns a new LOCKED usage.
     *
     * @param id its identity
     * @param request the lock request it answers
     * @return the usage
     */
    public static UsageRecord locked(UsageId id, LockRequest request) {
        return new UsageRecord(id, request.couponId(), request.code(), request.userId(), request.checkoutId(),
                UsageStatus.LOCKED, request.at(), request.expiresAt(), null, null, null, null, request.discount());
    }

    /**
     * @param order the order
     * @param at when
     * @return this usage, REDEEMED
     */
    public UsageRecord redeemed(OrderId order, Instant at) {
        return new UsageRecord(id, couponId, code, userId, checkoutId, UsageStatus.REDEEMED, lockedAt, expiresAt, order, at, null,
                null, discount);
    }

    /**
     * @param reason why
     * @param at when
     * @return this usage, RELEASED
     */
    public UsageRecord released(String reason, Instant at) {
        return new UsageRecord(id, couponId, code, userId, checkoutId, UsageStatus.RELEASED, lockedAt, expiresAt, null, at, reason,
                null, discount);
    }

    /**
     * @param at when the use is given back; an instant before the redeem is taken as the redeem's (a
     *     clock that went back)
     * @return this REDEEMED usage, REINSTATED
     * @throws IllegalStateException if this usage is not REDEEMED
     */
    public UsageRecord reinstated(Instant at) {
        if (status != UsageStatus.REDEEMED) {
            throw new IllegalStateException("usage " + id + " is " + status + ", only a REDEEMED usage is reinstated");
        }
        Instant when = at.isBefore(closedAt) ? closedAt : at;
        return new UsageRecord(id, couponId, code, userId, checkoutId, UsageStatus.REINSTATED, lockedAt, expiresAt, orderId,
                closedAt, null, when, discount);
    }

    /**
     * Tells whether this usage counts against the limits: LOCKED or REDEEMED.
     *
     * @return whether its status counts
     */
    public boolean counts() {
        return status.counts();
    }

    /**
     * Tells whether this is a LOCKED usage whose lock has expired at an instant.
     *
     * @param at the instant
     * @return true if LOCKED and {@code at >= expiresAt}
     */
    public boolean isExpiredAt(Instant at) {
        return status == UsageStatus.LOCKED && !at.isBefore(expiresAt);
    }

    /** @return the order, if REDEEMED */
    public Optional<OrderId> order() {
        return Optional.ofNullable(orderId);
    }

    /**
     * The ownership rule of a checkout for redeem and release: every usage of a checkout belongs to
     * the customer who locked the first one, and a command for another customer is refused. A store
     * calls this (through {@link RedeemResult#decide} and {@link ReleaseResult#decide}) with the
     * checkout's usages read under its lock, before it writes anything.
     *
     * @param checkoutId the checkout
     * @param usages the checkout's usages
     * @param customer the customer the command is for, or null for an unchecked operator's command
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if a usage belongs to another customer
     */
    public static void requireOwner(CheckoutId checkoutId, java.util.List<UsageRecord> usages, UserId customer) {
        if (customer == null) {
            return;
        }
        for (UsageRecord u : usages) {
            if (!u.userId().equals(customer)) {
                throw new dev.couponkernel.spi.error.CheckoutOwnershipException(checkoutId.value());
            }
        }
    }
}
