package dev.couponkernel.core;

import dev.couponkernel.core.eligibility.EligibilityPolicy;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.UsageLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import dev.couponkernel.spi.store.CouponPage;
import dev.couponkernel.spi.store.CouponQuery;
import dev.couponkernel.spi.store.UsageSummary;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The kernel's entry point: the use cases of coupons and checkouts. Build one with {@link
 * #builder()}, hand it the host's storage, ports, clock and event publisher, and share it.
 *
 * <p>Commands and what they promise:
 *
 * <ul>
 *   <li>{@link #create}, {@link #activate}, {@link #disable}, {@link #changeLimits}: coupon
 *       lifecycle, each change audited with its actor and event-published;
 *   <li>{@link #validate}: a dry run that prices the host's cart with the typed codes;
 *   <li>{@link #apply}: validate, then lock one use of each applied coupon for the checkout, with the
 *       kernel's lock time-to-live;
 *   <li>{@link #redeem}, {@link #release}: finish the checkout's usages;
 *   <li>{@link #expireLocks}: the sweep that releases locks whose time-to-live passed.
 * </ul>
 *
 * Every command that changes state is idempotent by its key (the checkout id for usages; the
 * coupon's version for coupons). Business outcomes are values; exceptions are for bad input ({@link
 * InvalidInputException}), unknown ids ({@link dev.couponkernel.spi.error.NotFoundException}),
 * conflicts ({@link dev.couponkernel.spi.error.ConflictException}), illegal transitions ({@link
 * dev.couponkernel.spi.error.IllegalCouponStateException}) and storage failures.
 *
 * <p>Implementations are immutable once built and thread-safe.
 */
public interface CouponKernel {

    /**
     * Creates a coupon as a draft.
     *
     * @param definition what the coupon is
     * @param actor who creates it
     * @return the stored coupon
     * @throws dev.couponkernel.spi.error.ConflictException if its code is taken
     */
    CouponRecord create(CouponDefinition definition, Actor actor);

    /**
     * Activates a draft coupon.
     *
     * @param couponId the coupon
     * @param actor who activates it
     * @return the stored coupon
     */
    CouponRecord activate(CouponId couponId, Actor actor);

    /**
     * Disables a coupon for good. Locks already taken stay valid until they are redeemed, released
     * or expire; no new lock is taken.
     *
     * @param couponId the coupon
     * @param actor who disables it
     * @param reason why
     * @return the stored coupon
     */
    CouponRecord disable(CouponId couponId, Actor actor, String reason);

    /**
     * Suspends an active coupon: validate and apply refuse it with {@code SUSPENDED} and no lock is
     * taken for it until the suspension is lifted. What the fraud guard does to a coupon under attack
     * (its {@link dev.couponkernel.core.fraud.AutoSuspend auto-suspension rule}); staff may do it too.
     *
     * @param couponId the coupon
     * @param actor who suspends it
     * @param reason why
     * @return the suspended coupon
     * @throws dev.couponkernel.spi.error.IllegalCouponStateException unless the coupon is active
     */
    CouponRecord suspend(CouponId couponId, Actor actor, String reason);

    /**
     * Lifts a coupon's suspension after staff reviewed the attack: the coupon is active again.
     * Audited, with a {@code CouponSuspensionLifted} event.
     *
     * @param couponId the coupon
     * @param actor who lifts it
     * @param reason why
     * @return the active coupon
     * @throws dev.couponkernel.spi.error.IllegalCouponStateException unless the coupon is suspended
     */
    CouponRecord liftSuspension(CouponId couponId, Actor actor, String reason);

    /**
     * Changes a coupon's usage limits. Refused when current usage already exceeds the new limits,
     * with nothing written.
     *
     * @param couponId the coupon
     * @param limits the new limits
     * @param actor who changes them
     * @return the stored coupon
     * @throws dev.couponkernel.spi.error.ConflictException if current usage exceeds the new limits
     */
    CouponRecord changeLimits(CouponId couponId, UsageLimits limits, Actor actor);

    /**
     * Finds a coupon by the code a customer would type: a coupon's shared code, or one of a campaign's
     * unique codes (a campaign's own code names it and is not typed at checkout).
     *
     * @param code the code as typed
     * @return the coupon, if any
     */
    Optional<CouponRecord> findByCode(String code);

    /**
     * Finds a coupon by its id.
     *
     * @param couponId the coupon's id
     * @return the coupon, if any
     */
    Optional<CouponRecord> findById(CouponId couponId);

    /**
     * Finds coupons for a staff page or a report: by code or id and status, ordered by code, a page at
     * a time (see {@link CouponQuery}).
     *
     * @param query what to look for, and which page
     * @return the page, with how many coupons match in all
     */
    CouponPage search(CouponQuery query);

    /**
     * Counts a coupon's usages by status, with its budget used.
     *
     * @param couponId the coupon
     * @return the summary, as committed now
     * @throws dev.couponkernel.spi.error.NotFoundException if there is no such coupon
     */
    UsageSummary usageSummary(CouponId couponId);

    /**
     * @return the unique codes of campaigns: generate, import, void, read and export them, through
     *     this kernel's storage and clock (each change relayed like the kernel's own)
     */
    dev.couponkernel.core.campaign.Campaigns campaigns();

    /**
     * Prices the host's cart with the typed codes, without locking or writing anything.
     *
     * @param request the customer, the cart and the codes
     * @return the decision
     */
    PricingDecision validate(ValidateRequest request);

    /**
     * Validates the codes and locks one use of each applied coupon for the checkout. A checkout
     * belongs to the customer who first locked a use on it: another customer's apply on it changes
     * nothing, is audited on the checkout's coupons with a {@code SecurityAlertRaised}, and fails.
     *
     * @param request the checkout, the customer, the cart and the codes
     * @return the decision and the locked usages
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout is another customer's
     * @throws dev.couponkernel.spi.error.InvalidInputException if the request carries more codes than
     *     {@link Builder#maxCodesPerRequest} allows, before anything is read
     */
    ApplyResult apply(ApplyRequest request);

    /**
     * Redeems the checkout's locked usages for an order of a customer, the form a customer-facing
     * flow uses: a checkout belongs to the customer who first locked a use on it, and when it belongs
     * to another customer nothing changes, the attempt is audited on the checkout's coupons with a
     * {@code SecurityAlertRaised}, and {@link dev.couponkernel.spi.error.CheckoutOwnershipException}
     * is thrown.
     *
     * @param checkoutId the checkout
     * @param customer the customer whose order it is
     * @param orderId the order
     * @param actor who redeems
     * @return the outcome
     * @throws dev.couponkernel.spi.error.ConflictException if the checkout was redeemed for another order
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout is another customer's
     */
    RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Actor actor);

    /**
     * Redeems the checkout's locked usages for the order the host created, without checking whose
     * checkout it is: for the host's back office and message handlers that act for the shop, not for
     * a customer. A customer-facing flow uses {@link #redeem(CheckoutId, UserId, OrderId, Actor)}.
     *
     * @param checkoutId the checkout
     * @param orderId the order
     * @param actor who redeems
     * @return the outcome
     * @throws dev.couponkernel.spi.error.ConflictException if the checkout was redeemed for another order
     */
    RedeemResult redeem(CheckoutId checkoutId, OrderId orderId, Actor actor);

    /**
     * Releases a customer's checkout: its locked usages, restoring their counts. When the checkout
     * belongs to another customer nothing changes, the attempt is audited with a {@code
     * SecurityAlertRaised}, and {@link dev.couponkernel.spi.error.CheckoutOwnershipException} is thrown.
     *
     * @param checkoutId the checkout
     * @param customer the customer whose checkout failed
     * @param reason why the checkout failed
     * @param actor who releases
     * @return the outcome
     * @throws dev.couponkernel.spi.error.CheckoutOwnershipException if the checkout is another customer's
     */
    ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Actor actor);

    /**
     * Releases the checkout's locked usages and restores their counts, without checking whose
     * checkout it is: for the host's back office and message handlers that act for the shop. A
     * customer-facing flow uses {@link #release(CheckoutId, UserId, String, Actor)}.
     *
     * @param checkoutId the checkout
     * @param reason why the checkout failed
     * @param actor who releases
     * @return the outcome
     */
    ReleaseResult release(CheckoutId checkoutId, String reason, Actor actor);

    /**
     * Gives back the uses of a cancelled or refunded order: each REDEEMED usage of the checkout whose
     * coupon's {@link dev.couponkernel.spi.coupon.ReinstatePolicy} is {@code ON_CANCELLED_ORDER}
     * becomes REINSTATED (kept, never deleted), the coupon's and the customer's counts drop by one,
     * and a {@code CouponReinstated} is audited and published. Usages of coupons whose redeemed uses
     * are final stay REDEEMED. Idempotent by order: a repeated cancellation changes nothing ({@code
     * ALREADY_REINSTATED}). For the host's order system and back office, not for a customer: it is
     * checked against the order the checkout was redeemed for, not against the customer.
     *
     * @param checkoutId the checkout whose order was cancelled
     * @param orderId the cancelled order
     * @param reason why, recorded in the audit and the event (at most 512 characters)
     * @param actor who reinstates
     * @return the outcome and the checkout's usages after it
     * @throws dev.couponkernel.spi.error.ConflictException if the checkout was redeemed for another order; nothing changes
     */
    ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, String reason, Actor actor);

    /**
     * Releases locks whose time-to-live passed, in batches, until none is left or {@code maxLocks}
     * were released. Safe to run on many nodes at once.
     *
     * @param maxLocks the most locks to release in this call, at least 1
     * @return how many were released
     */
    int expireLocks(int maxLocks);

    /**
     * Publishes pending events through the event publisher, oldest first, and marks them published,
     * until none is pending: the host's relay, to run on a schedule or in a thread of its own (a
     * command itself relays at most {@link Builder#relayAfterCommand} events). Safe on many nodes.
     *
     * @return how many events were published
     * @throws dev.couponkernel.spi.error.StorageException if the outbox cannot be read or marked
     */
    int publishPendingEvents();

    /**
     * Returns a coupon's audit trail.
     *
     * @param couponId the coupon
     * @return its entries, oldest first
     */
    List<AuditEntry> auditTrail(CouponId couponId);

    /**
     * Returns a part of a coupon's audit trail, for trails too long to read whole (a flash sale
     * writes two entries per checkout): the entries at positions {@code from} to {@code from + max -
     * 1}, oldest first, position 0 being the oldest (see {@link
     * dev.couponkernel.spi.store.AuditTrail#page}). Reads only the page.
     *
     * @param couponId the coupon
     * @param from the position of the first entry wanted, at least 0
     * @param max the most entries, 1 to {@value dev.couponkernel.spi.store.AuditTrail#MAX_PAGE}
     * @return the entries, oldest first; fewer, or none, past the trail's end
     * @throws dev.couponkernel.spi.error.InvalidInputException for a position or size out of bounds
     */
    List<AuditEntry> auditTrail(CouponId couponId, long from, int max);

    /**
     * @param couponId the coupon
     * @return the length of its audit trail: one past its newest entry's position, so {@code
     *     auditTrail(couponId, size - n, n)} reads the newest n
     */
    long auditTrailSize(CouponId couponId);

    /**
     * Checks the hash chain of a coupon's audit trail: reports the first entry changed, removed,
     * inserted or reordered since it was written.
     *
     * @param couponId a coupon
     * @return the verdict
     */
    AuditVerification verifyAuditTrail(CouponId couponId);

    /** @return a builder */
    /** The longest lock time-to-live {@link Builder#lockTtl} accepts: 30 days. */
    Duration MAX_LOCK_TTL = Duration.ofDays(30);

    /**
     * The most codes any one validate or apply request may carry, whatever the kernel is configured
     * to: 100. {@link Builder#maxCodesPerRequest} sets the kernel's own, lower bound.
     */
    int MAX_CODES_PER_REQUEST = 100;

    /** How many pending events a command relays in the caller's thread by default: 16. */
    int DEFAULT_RELAY_AFTER_COMMAND = 16;

    /**
     * Starts configuring a kernel.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link CouponKernel}. Each setter checks its argument; {@link #build()} checks that the
     * required parts are there. Not thread-safe; the kernel it builds is.
     */
    final class Builder {
        CouponStorage storage;
        CartSource carts;
        CustomerDirectory customers;
        EventPublisher events = EventPublisher.discarding();
        Clock clock = Clock.systemUTC();
        Duration lockTtl = Duration.ofMinutes(15);
        Supplier<String> couponIds = () -> UUID.randomUUID().toString();
        final PricingEngine.Builder engine = PricingEngine.builder();
        int maxCouponsPerCheckout = dev.couponkernel.core.pricing.PricingRequest.DEFAULT_MAX_COUPONS;
        dev.couponkernel.core.pricing.StackingSelection stackingSelection = dev.couponkernel.core.pricing.StackingSelection.PRIORITY;
        int maxCodesPerRequest;
        int relayAfterCommand = DEFAULT_RELAY_AFTER_COMMAND;
        dev.couponkernel.core.fraud.FraudGuard fraudGuard;

        Builder() {}

        /**
         * @param storage coupons, usage ledger, audit trail and outbox (required)
         * @return this builder
         */
        public Builder storage(CouponStorage storage) {
            this.storage = Checks.notNull(storage, "storage");
            return this;
        }

        /**
         * @param carts the host's authoritative carts (required)
         * @return this builder
         */
        public Builder carts(CartSource carts) {
            this.carts = Checks.notNull(carts, "carts");
            return this;
        }

        /**
         * @param customers the host's customers (required)
         * @return this builder
         */
        public Builder customers(CustomerDirectory customers) {
            this.customers = Checks.notNull(customers, "customers");
            return this;
        }

        /**
         * @param events where events are published; they are discarded by default
         * @return this builder
         */
        public Builder events(EventPublisher events) {
            this.events = Checks.notNull(events, "events");
            return this;
        }

        /**
         * @param clock the time source; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * @param lockTtl how long a lock holds a use before the sweep releases it; positive, at most {@link
         *     #MAX_LOCK_TTL} (30 days), 15 minutes by default
         * @return this builder
         * @throws InvalidInputException if zero, negative or longer than 30 days
         */
        public Builder lockTtl(Duration lockTtl) {
            Checks.notNull(lockTtl, "lockTtl");
            if (lockTtl.isZero() || lockTtl.isNegative() || lockTtl.compareTo(MAX_LOCK_TTL) > 0) {
                throw new InvalidInputException("lockTtl", "must be positive and at most " + MAX_LOCK_TTL.toDays()
                        + " days, was " + lockTtl);
            }
            this.lockTtl = lockTtl;
            return this;
        }

        /**
         * @param couponIds the source of new coupon ids; random UUIDs by default
         * @return this builder
         */
        public Builder couponIds(Supplier<String> couponIds) {
            this.couponIds = Checks.notNull(couponIds, "couponIds");
            return this;
        }

        /**
         * Adds an eligibility policy of the host's, asked after the standard ones. Policies add up:
         * each call adds one, and a coupon is eligible only when every policy says so; they are
         * asked in the order added, and the first refusal is the coupon's reason.
         *
         * @param hostPolicy an eligibility policy asked after the standard ones and the earlier extra ones
         * @return this builder
         */
        public Builder extraPolicy(EligibilityPolicy hostPolicy) {
            engine.extraPolicy(hostPolicy);
            return this;
        }

        /**
         * Registers a discount kind of the host's: coupons with a {@link
         * dev.couponkernel.spi.coupon.HostDiscount} naming it are validated by it when created and
         * priced by it, within the engine's invariants (see {@link dev.couponkernel.core.pricing.DiscountKind}).
         *
         * @param kind the kind, stateless or thread-safe, with a name no other registered kind has
         * @return this builder
         */
        public Builder discountKind(dev.couponkernel.core.pricing.DiscountKind kind) {
            engine.discountKind(kind);
            return this;
        }

        /**
         * Registers an eligibility condition of the host's: coupons carrying a {@link
         * dev.couponkernel.spi.coupon.HostCondition} naming it are validated by it when created and
         * judged by it after the built-in rules, with a reason code of its own (see {@link
         * dev.couponkernel.core.eligibility.EligibilityCondition}).
         *
         * @param condition the condition, stateless or thread-safe, with a name no other registered condition has
         * @return this builder
         */
        public Builder eligibilityCondition(dev.couponkernel.core.eligibility.EligibilityCondition condition) {
            engine.eligibilityCondition(condition);
            return this;
        }

        /**
         * @param maxCoupons the most coupons one checkout applies, 1 to {@link CouponKernel#MAX_CODES_PER_REQUEST} (100); 5 by default
         * @return this builder
         */
        public Builder maxCouponsPerCheckout(int maxCoupons) {
            this.maxCouponsPerCheckout = codeCount(maxCoupons, "maxCouponsPerCheckout");
            return this;
        }

        /**
         * Chooses how coupons that do not combine are chosen among, for validate and apply alike (so
         * a checkout locks what it was quoted).
         *
         * @param selection {@link dev.couponkernel.core.pricing.StackingSelection#PRIORITY} (the
         *     default: the shop's priorities decide) or {@link
         *     dev.couponkernel.core.pricing.StackingSelection#BEST_FOR_CUSTOMER} (the choice that takes
         *     the most off)
         * @return this builder
         */
        public Builder stackingSelection(dev.couponkernel.core.pricing.StackingSelection selection) {
            this.stackingSelection = Checks.notNull(selection, "stackingSelection");
            return this;
        }

        private static int codeCount(int value, String field) {
            if (value < 1 || value > MAX_CODES_PER_REQUEST) {
                throw new InvalidInputException(field, "must be 1 to " + MAX_CODES_PER_REQUEST + ", was " + value);
            }
            return value;
        }

        /**
         * Bounds the codes one validate or apply request may carry. A request with more is refused with
         * {@link InvalidInputException} (field {@code codes}) before any code is looked up or recorded,
         * so one request cannot try many codes at once; every code of an accepted request is screened
         * and recorded by the fraud guard as an attempt of its own.
         *
         * @param maxCodes 1 to {@link CouponKernel#MAX_CODES_PER_REQUEST}; by default the kernel's {@link
         *     #maxCouponsPerCheckout maximum coupons per checkout}
         * @return this builder
         */
        public Builder maxCodesPerRequest(int maxCodes) {
            this.maxCodesPerRequest = codeCount(maxCodes, "maxCodesPerRequest");
            return this;
        }

        /**
         * Bounds the relaying a command does in the caller's thread. After each command the kernel
         * publishes at most this many pending events (the command's own, usually one to three, and
         * older ones), and only when no other thread of this kernel is relaying; the expiry sweep
         * adds one per lock it released. A broker failure or a storage failure while relaying is
         * logged, never thrown: the command's result is its own transaction's. Events beyond the
         * bound stay pending for the next command or for the host's relay: run {@link
         * CouponKernel#publishPendingEvents()} on a schedule or in a thread of its own (and set 0 here
         * to keep the broker out of commands entirely).
         *
         * @param maxEvents 0 to 10 000; 16 by default
         * @return this builder
         */
        public Builder relayAfterCommand(int maxEvents) {
            if (maxEvents < 0 || maxEvents > 10_000) {
                throw new InvalidInputException("relayAfterCommand", "must be 0 to 10000, was " + maxEvents);
            }
            this.relayAfterCommand = maxEvents;
            return this;
        }

        /**
         * Turns on fraud prevention: every validate and apply attempt is recorded in the guard's attempt
         * log and screened before anything is locked; blocked codes are rejected with {@code
         * SUSPECTED_FRAUD}, audited ({@code CouponRejected}) and alerted ({@code SecurityAlertRaised});
         * codes flagged for review apply and raise an alert; a coupon with an auto-suspension rule is
         * suspended by {@link dev.couponkernel.spi.value.Actor#FRAUD_GUARD} when its rule is reached,
         * until staff lift it ({@link CouponKernel#liftSuspension}). Off by default.
         *
         * @param guard the fraud guard
         * @return this builder
         */
        public Builder fraudGuard(dev.couponkernel.core.fraud.FraudGuard guard) {
            this.fraudGuard = Checks.notNull(guard, "fraudGuard");
            return this;
        }

        /**
         * @return the kernel
         * @throws InvalidInputException if storage, carts or customers is missing
         */
        public CouponKernel build() {
            if (storage == null) {
                throw new InvalidInputException("storage", "is required, for example InMemoryCouponStorage.create()");
            }
            if (carts == null) {
                throw new InvalidInputException("carts", "is required: the kernel prices the host's carts, never client totals");
            }
            if (customers == null) {
                throw new InvalidInputException("customers", "is required: eligibility needs the host's customers");
            }
            return new StandardCouponKernel(this);
        }
    }
}
