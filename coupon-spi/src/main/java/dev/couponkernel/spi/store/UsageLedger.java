package dev.couponkernel.spi.store;

import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The atomic usage-lock contract: the heart of the guarantee that no interleaving of concurrent
 * checkouts, retries, time-outs or crashes oversells a coupon.
 *
 * <p>Every method is one atomic unit (one transaction in a database) that also appends the audit
 * entry of each usage it changes to the {@link AuditTrail} and the event to the {@link EventOutbox}
 * of the same {@link CouponStorage}: a change, its audit entry and its event exist together or not
 * at all.
 *
 * <p>Invariants, for every coupon and at every instant: the number of LOCKED plus REDEEMED usages
 * never exceeds the total limit in force, nor a customer's the per-user limit in force; the limit in
 * force is the stricter of the limits passed with a lock and the limits the ledger holds.
 *
 * <p>Implementations must be thread-safe and linearizable; the {@code coupon-testkit} module's
 * {@code UsageLedgerContract} states every rule as a test.
 */
public interface UsageLedger {

    /**
     * Locks one use of a coupon for a checkout, or refuses.
     *
     * <ul>
     *   <li>First, the checkout's owner: a checkout belongs to the customer of its first usage, and a
     *       lock for another customer is refused with {@code CHECKOUT_OF_ANOTHER_CUSTOMER} whatever
     *       else holds (a replay of the owner's lock included); nothing changes ({@link
     *       LockOutcome#unlessOwnedBy}).
     *   <li>No usage for (coupon, checkout) and the checkout is not closed: if the coupon is not
     *       stored, refused with {@code UNKNOWN_CODE}; if it is not ACTIVE, refused with {@code
     *       NOT_ACTIVE} (a draft) or {@code DISABLED}, and a lock and a status change of the same coupon
     *       are ordered, so no lock is taken after a disable returned; if a limit in force is
     *       reached, refused with {@code TOTAL_LIMIT_REACHED} or {@code USER_LIMIT_REACHED}; otherwise
     *       a new LOCKED usage, counted.
     *   <li>A LOCKED usage whose lock has not expired: the same usage, replayed; nothing changes.
     *   <li>A LOCKED usage whose lock has expired: it is released (reason {@code expired}, counts
     *       restored) and the lock is refused with {@code CHECKOUT_CLOSED}.
     *   <li>A REDEEMED or RELEASED usage, or a checkout closed by a redeem or release that found no
     *       usage: refused with {@code CHECKOUT_CLOSED}.
     * </ul>
     *
     * @param request what to lock
     * @return the outcome
     */
    LockOutcome lock(LockRequest request);

    /**
     * Redeems every usage of a checkout for an order. LOCKED usages become REDEEMED, unless one of
     * them has expired ({@code LOCK_EXPIRED}, nothing changes). Redeeming again for the same order
     * changes nothing ({@code ALREADY_REDEEMED}). A checkout with no usage is closed ({@code
     * NOT_FOUND}); a released one stays released ({@code RELEASED}).
     *
     * @param checkoutId the checkout
     * @param orderId the order the host created
     * @param at the instant
     * @param actor who redeems
     * @return the outcome
     * @throws dev.couponkernel.spi.error.ConflictException if the checkout was redeemed for another order; nothing changes
     */
    default RedeemResult redeem(CheckoutId checkoutId, OrderId orderId, Instant at, Actor actor) {
        return redeem(checkoutId, null, orderId, at, actor);
    }

    /**
     * Redeems every usage of a checkout for an order of a customer, as {@link #redeem(CheckoutId,
     * OrderId, Instant, Actor)} does, after checking under the checkout's lock that the checkout is
     * the customer's: when a usage of the checkout belongs to another customer, nothing changes and
     * {@link dev.couponkernel.spi.error.CheckoutOwnershipException} is thrown ({@link
     * UsageRecord#requireOwner}).
     *
     * @param checkoutId the checkout
     * @param customer the customer whose order it is, or null for an operator's redeem (not checked)
     * @param orderId the order the host created
     * @param at the instant
     * @param actor who redeems
     * @return the outcome
     * @throws dev.couponkernel.spi.error.ConflictException if the checkout was redeemed for another order; nothing changes
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout is another customer's; nothing changes
     */
    RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor);

    /**
     * Releases every LOCKED usage of a checkout and restores its counts. Releasing again changes
     * nothing; REDEEMED usages are final and stay; a checkout with no usage is closed.
     *
     * @param checkoutId the checkout
     * @param reason why, recorded on the usages and in the audit
     * @param at the instant
     * @param actor who releases
     * @return the outcome
     */
    default ReleaseResult release(CheckoutId checkoutId, String reason, Instant at, Actor actor) {
        return release(checkoutId, null, reason, at, actor);
    }

    /**
     * Releases every LOCKED usage of a checkout of a customer, as {@link #release(CheckoutId, String,
     * Instant, Actor)} does, after checking under the checkout's lock that the checkout is the
     * customer's: when a usage of the checkout belongs to another customer, nothing changes (the
     * checkout is not even closed) and {@link dev.couponkernel.spi.error.CheckoutOwnershipException}
     * is thrown.
     *
     * @param checkoutId the checkout
     * @param customer the customer whose checkout failed, or null for an operator's or the system's release (not checked)
     * @param reason why, recorded on the usages and in the audit
     * @param at the instant
     * @param actor who releases
     * @return the outcome
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout is another customer's; nothing changes
     */
    ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor);

    /**
     * Gives back the uses of a cancelled or refunded order: every REDEEMED usage of the checkout whose
     * coupon is in {@code reinstatable} becomes REINSTATED, and the coupon's and the customer's counts
     * drop by one each, so the use may be taken again within the limits. The usage is kept (with its
     * order id and both instants), audited, and a {@link dev.couponkernel.spi.event.CouponReinstated}
     * is recorded. Idempotent by order: reinstating again changes nothing ({@code
     * ALREADY_REINSTATED}). Usages of coupons not in {@code reinstatable} stay REDEEMED ({@code
     * NOT_ALLOWED} when none is). A checkout never redeemed changes nothing ({@code NOT_REDEEMED},
     * {@code NOT_FOUND}). Decided by {@link ReinstateResult#decide} under the checkout's lock.
     *
     * <p>This is a back-office command (the host's order system, an operator), not the customer's: it
     * is not checked against the checkout's owner, but against the order the checkout was redeemed for.
     *
     * @param checkoutId the checkout whose order was cancelled
     * @param orderId the cancelled order
     * @param reinstatable the coupons whose {@link dev.couponkernel.spi.coupon.ReinstatePolicy} allows it
     * @param reason why, recorded in the audit and the event (at most 512 characters)
     * @param at the instant
     * @param actor who reinstates
     * @return the outcome
     * @throws dev.couponkernel.spi.error.ConflictException if the checkout was redeemed for another order; nothing changes
     */
    ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, java.util.Set<CouponId> reinstatable, String reason,
            Instant at, Actor actor);

    /**
     * Releases one coupon's LOCKED usage of a checkout, when the checkout no longer applies that
     * coupon. Does nothing if there is no such LOCKED usage.
     *
     * @param checkoutId the checkout
     * @param couponId the coupon
     * @param reason why
     * @param at the instant
     * @param actor who releases
     * @return the usage after the command, if there is one
     */
    java.util.Optional<UsageRecord> releaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at, Actor actor);

    /**
     * Releases LOCKED usages whose lock expired at or before {@code now}, at most {@code batchSize}
     * of them, with reason {@code expired} and actor {@link Actor#EXPIRY_SWEEP}-like callers. Safe to
     * run from many threads and nodes at once: each stale lock is released exactly once.
     *
     * @param now the instant
     * @param batchSize the most usages to release, at least 1
     * @param actor who sweeps
     * @return the usages released by this call
     */
    List<UsageRecord> expireLocks(Instant now, int batchSize, Actor actor);

    /**
     * Stores new limits for a coupon, unless current usage exceeds them: refused if the usages
     * counted now exceed the new total limit, or one customer's exceed the new per-user limit.
     * Setting the limits the ledger already holds changes nothing. A coupon the storage does not
     * hold is a {@link dev.couponkernel.spi.error.NotFoundException}, with nothing written.
     *
     * @param couponId the coupon
     * @param limits the new limits
     * @param at the instant
     * @param actor who changes them
     * @return whether they were applied, with the counts they were judged on
     * @throws dev.couponkernel.spi.error.NotFoundException if the storage holds no such coupon
     */
    LimitChange changeLimits(CouponId couponId, UsageLimits limits, Instant at, Actor actor);

    /**
     * Returns the usages counted against a coupon now, in total and for one customer.
     *
     * @param couponId the coupon
     * @param userId the customer
     * @return the counts
     */
    UsageCount count(CouponId couponId, UserId userId);

    /**
     * Returns a checkout's usages.
     *
     * @param checkoutId the checkout
     * @return its usages, in coupon id order; empty if none
     */
    List<UsageRecord> usagesOf(CheckoutId checkoutId);

    /**
     * Counts a coupon's usages by status, and sums the discounts its locked and redeemed usages hold
     * (its budget used), as committed now. Reads; never locks.
     *
     * @param couponId the coupon
     * @return the summary; {@link UsageSummary#NONE} for a coupon with no usage or none at all
     */
    UsageSummary summary(CouponId couponId);
}
