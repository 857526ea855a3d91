package dev.couponkernel.spi.ledger;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;

/**
 * One command of the usage ledger, as {@link LedgerRules#decide} takes it: the arguments of the
 * {@link dev.couponkernel.spi.store.UsageLedger} method it stands for. A closed set; every branch
 * over it goes through a {@link Cases}, which the compiler checks is complete (the library builds
 * for Java 17, which has no pattern {@code switch}). Immutable and thread-safe.
 */
public sealed interface LedgerOp permits LedgerOp.Lock, LedgerOp.Redeem, LedgerOp.Release, LedgerOp.ReleaseOne, LedgerOp.Expire,
        LedgerOp.Reinstate {

    /** @return the checkout the command concerns */
    CheckoutId checkoutId();

    /**
     * Tells whether a store locks and reads the command's checkout (its row and all its usages)
     * before deciding: every command but {@link Expire}, for which the sweep reads the stale usage
     * alone.
     *
     * @return whether the checkout is read
     */
    default boolean readsCheckout() {
        return true;
    }

    /**
     * Hands this command to the case of its kind.
     *
     * @param cases one case per kind of command
     * @param <R> what the cases return
     * @return what the case returned
     */
    <R> R on(Cases<R> cases);

    /**
     * One case per kind of command: a new kind adds a method here, and every branch over the commands
     * stops compiling until it handles it.
     *
     * @param <R> what the cases return
     */
    interface Cases<R> {
        /**
         * @param op a lock
         * @return the case's result
         */
        R lock(Lock op);

        /**
         * @param op a redeem
         * @return the case's result
         */
        R redeem(Redeem op);

        /**
         * @param op a release
         * @return the case's result
         */
        R release(Release op);

        /**
         * @param op a release of one coupon's usage
         * @return the case's result
         */
        R releaseOne(ReleaseOne op);

        /**
         * @param op an expired lock
         * @return the case's result
         */
        R expire(Expire op);

        /**
         * @param op a reinstate of a cancelled order's uses
         * @return the case's result
         */
        R reinstate(Reinstate op);
    }

    /**
     * {@link dev.couponkernel.spi.store.UsageLedger#lock}; decides a {@link dev.couponkernel.spi.store.LockOutcome}.
     *
     * @param request what to lock
     */
    record Lock(LockRequest request) implements LedgerOp {
        /**
         * Validates the parts.
         *
         * @param request what to lock
         */
        public Lock {
            Checks.notNull(request, "request");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.lock(this);
        }

        @Override
        public CheckoutId checkoutId() {
            return request.checkoutId();
        }
    }

    /**
     * {@link dev.couponkernel.spi.store.UsageLedger#redeem(CheckoutId, UserId, OrderId, Instant, Actor)};
     * decides a {@link dev.couponkernel.spi.store.RedeemResult}.
     *
     * @param checkoutId the checkout
     * @param customer the customer the order is for, or null for an unchecked operator's redeem
     * @param orderId the order
     * @param at the instant
     * @param actor who redeems
     */
    record Redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor) implements LedgerOp {
        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout
         * @param customer the customer the order is for, or null for an unchecked operator's redeem
         * @param orderId the order
         * @param at the instant
         * @param actor who redeems
         */
        public Redeem {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(orderId, "orderId");
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.redeem(this);
        }
    }

    /**
     * {@link dev.couponkernel.spi.store.UsageLedger#release(CheckoutId, UserId, String, Instant, Actor)};
     * decides a {@link dev.couponkernel.spi.store.ReleaseResult}.
     *
     * @param checkoutId the checkout
     * @param customer the customer whose checkout failed, or null for an unchecked release
     * @param reason why
     * @param at the instant
     * @param actor who releases
     */
    record Release(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor) implements LedgerOp {
        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout
         * @param customer the customer whose checkout failed, or null for an unchecked release
         * @param reason why
         * @param at the instant
         * @param actor who releases
         */
        public Release {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.text(reason, "reason", 512);
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.release(this);
        }
    }

    /**
     * {@link dev.couponkernel.spi.store.UsageLedger#releaseOne}; decides an {@code Optional<UsageRecord>}.
     *
     * @param checkoutId the checkout
     * @param couponId the coupon whose usage to release
     * @param reason why
     * @param at the instant
     * @param actor who releases
     */
    record ReleaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at, Actor actor) implements LedgerOp {
        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout
         * @param couponId the coupon whose usage to release
         * @param reason why
         * @param at the instant
         * @param actor who releases
         */
        public ReleaseOne {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(couponId, "couponId");
            Checks.text(reason, "reason", 512);
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.releaseOne(this);
        }
    }

    /**
     * One stale lock the expiry sweep found ({@link dev.couponkernel.spi.store.UsageLedger#expireLocks});
     * decides an {@code Optional<UsageRecord>}: the usage released, or empty when it is no longer a
     * LOCKED usage whose lock has expired.
     *
     * @param usage the usage as the sweep read it under its row lock
     * @param now the sweep's instant
     * @param actor who sweeps
     */
    record Expire(UsageRecord usage, Instant now, Actor actor) implements LedgerOp {
        /**
         * Validates the parts.
         *
         * @param usage the usage as the sweep read it under its row lock
         * @param now the sweep's instant
         * @param actor who sweeps
         */
        public Expire {
            Checks.notNull(usage, "usage");
            Checks.notNull(now, "now");
            Checks.notNull(actor, "actor");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.expire(this);
        }

        @Override
        public CheckoutId checkoutId() {
            return usage.checkoutId();
        }

        @Override
        public boolean readsCheckout() {
            return false;
        }
    }

    /**
     * {@link dev.couponkernel.spi.store.UsageLedger#reinstate}; decides a {@link
     * dev.couponkernel.spi.store.ReinstateResult}.
     *
     * @param checkoutId the checkout
     * @param orderId the cancelled order
     * @param reinstatable the coupons whose policy lets a cancelled order's use be given back
     * @param reason why, recorded in the audit and the event
     * @param at the instant
     * @param actor who reinstates
     */
    record Reinstate(CheckoutId checkoutId, OrderId orderId, java.util.Set<CouponId> reinstatable, String reason, Instant at,
            Actor actor) implements LedgerOp {
        /**
         * Validates and copies the parts.
         *
         * @param checkoutId the checkout
         * @param orderId the cancelled order
         * @param reinstatable the coupons whose policy lets a cancelled order's use be given back
         * @param reason why, recorded in the audit and the event
         * @param at the instant
         * @param actor who reinstates
         */
        public Reinstate {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(orderId, "orderId");
            reinstatable = java.util.Set.copyOf(Checks.notNull(reinstatable, "reinstatable"));
            Checks.text(reason, "reason", 512);
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.reinstate(this);
        }
    }
}
