package dev.couponkernel.spi.store;

import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.internal.Checks;
import java.util.Optional;

/**
 * What a lock did: locked a usage (new, or the same one again for a repeated request), or refused
 * with a reason. Immutable and thread-safe.
 */
public final class LockOutcome {

    private final UsageRecord usage;
    private final boolean replayed;
    private final RejectionReason reason;
    private final String message;

    private LockOutcome(UsageRecord usage, boolean replayed, RejectionReason reason, String message) {
        this.usage = usage;
        this.replayed = replayed;
        this.reason = reason;
        this.message = message;
    }

    /**
     * @param usage the new LOCKED usage
     * @return a fresh lock
     */
    public static LockOutcome locked(UsageRecord usage) {
        return new LockOutcome(Checks.notNull(usage, "usage"), false, null, null);
    }

    /**
     * @param usage the LOCKED usage an earlier identical request created
     * @return a repeated lock: nothing changed
     */
    public static LockOutcome replayed(UsageRecord usage) {
        return new LockOutcome(Checks.notNull(usage, "usage"), true, null, null);
    }

    /**
     * @param reason why
     * @param message a specific explanation
     * @return a refusal: nothing was counted
     */
    public static LockOutcome refused(RejectionReason reason, String message) {
        return new LockOutcome(null, false, Checks.notNull(reason, "reason"), Checks.notNull(message, "message"));
    }

    /**
     * The refusal a ledger gives for a coupon in a status that takes no locks.
     *
     * @param status the coupon's stored status
     * @param couponId the coupon, for the message
     * @return null for ACTIVE, else the refusal ({@code NOT_ACTIVE} for a draft, {@code DISABLED})
     */
    public static LockOutcome unlessActive(CouponStatus status, CouponId couponId) {
        Checks.notNull(status, "status");
        return switch (status) {
            case ACTIVE -> null;
            case DRAFT -> refused(RejectionReason.NOT_ACTIVE, "coupon " + couponId + " is a draft");
            case SUSPENDED -> refused(RejectionReason.SUSPENDED, "coupon " + couponId + " is suspended");
            case DISABLED -> refused(RejectionReason.DISABLED, "coupon " + couponId + " is disabled");
        };
    }

    /**
     * The ownership rule of a checkout, the first check of every lock: a checkout belongs to the
     * customer of its first usage, and a lock for anyone else is refused with {@link
     * RejectionReason#CHECKOUT_OF_ANOTHER_CUSTOMER} before anything else is looked at (a replay of the
     * owner's lock included). A store calls this while it holds the checkout's row lock, with the
     * customer of any usage the checkout has.
     *
     * @param owner the customer of the checkout's usages, empty when it has none
     * @param request the lock
     * @return the refusal, or null when the checkout has no usage or is the requester's
     */
    public static LockOutcome unlessOwnedBy(java.util.Optional<dev.couponkernel.spi.value.UserId> owner,
            LockRequest request) {
        Checks.notNull(owner, "owner");
        Checks.notNull(request, "request");
        if (owner.isEmpty() || owner.get().equals(request.userId())) {
            return null;
        }
        return refused(RejectionReason.CHECKOUT_OF_ANOTHER_CUSTOMER,
                "checkout " + request.checkoutId() + " belongs to another customer");
    }

    /**
     * The total limit in force for a lock: the stricter of the limits the lock passes and the total
     * the ledger holds (the rule every store applies; see {@link UsageLedger}).
     *
     * @param passed the limits the lock request carries
     * @param heldTotal the total limit the ledger holds, or null for none
     * @return the limit, {@link Long#MAX_VALUE} for none
     */
    public static long totalInForce(dev.couponkernel.spi.value.UsageLimits passed, Long heldTotal) {
        return Math.min(passed.maxTotalUses().orElse(Long.MAX_VALUE), heldTotal == null ? Long.MAX_VALUE : heldTotal);
    }

    /**
     * The per-customer limit in force for a lock, as {@link #totalInForce} for the total.
     *
     * @param passed the limits the lock request carries
     * @param heldPerUser the per-customer limit the ledger holds, or null for none
     * @return the limit, {@link Long#MAX_VALUE} for none
     */
    public static long perUserInForce(dev.couponkernel.spi.value.UsageLimits passed, Long heldPerUser) {
        return Math.min(passed.maxUsesPerUser().orElse(Long.MAX_VALUE), heldPerUser == null ? Long.MAX_VALUE : heldPerUser);
    }

    /**
     * @param used the uses counted
     * @param max the total limit in force
     * @return the refusal of a lock beyond the total limit
     */
    public static LockOutcome totalLimitReached(long used, long max) {
        return refused(RejectionReason.TOTAL_LIMIT_REACHED, used + " of " + max + " uses are taken");
    }

    /**
     * @param user the customer
     * @param used the customer's uses counted
     * @param max the per-customer limit in force
     * @return the refusal of a lock beyond the per-customer limit
     */
    public static LockOutcome userLimitReached(dev.couponkernel.spi.value.UserId user, long used, long max) {
        return refused(RejectionReason.USER_LIMIT_REACHED, "customer " + user + " has " + used + " of " + max + " uses");
    }

    /**
     * @param couponId the coupon
     * @param discount the discount the lock would reserve
     * @param spent what the coupon's locked and redeemed uses reserve now in its currency
     * @param budget the budget in force in that currency
     * @return the refusal of a lock whose discount the budget cannot cover, saying what is left
     */
    public static LockOutcome budgetExhausted(dev.couponkernel.spi.value.CouponId couponId, dev.couponkernel.spi.value.Money discount,
            dev.couponkernel.spi.value.Money spent, dev.couponkernel.spi.value.Money budget) {
        dev.couponkernel.spi.value.Money left = budget.compareTo(spent) > 0 ? budget.minus(spent)
                : dev.couponkernel.spi.value.Money.zero(budget.currency());
        return refused(RejectionReason.BUDGET_EXHAUSTED, "the discount " + discount + " exceeds what is left of the budget of coupon "
                + couponId + ": " + left + " of " + budget);
    }

    /**
     * @param couponId the coupon
     * @param why why no budget covers the lock
     * @return the refusal of a lock on a coupon with a budget that does not cover the lock's currency
     */
    public static LockOutcome noBudgetFor(dev.couponkernel.spi.value.CouponId couponId, String why) {
        return refused(RejectionReason.BUDGET_EXHAUSTED, "coupon " + couponId + " has a budget, but " + why);
    }

    /** @return whether a usage is locked for the request */
    public boolean isLocked() {
        return usage != null;
    }

    /** @return whether the lock already existed (a repeated request) */
    public boolean isReplayed() {
        return replayed;
    }

    /** @return the LOCKED usage, if locked */
    public Optional<UsageRecord> usage() {
        return Optional.ofNullable(usage);
    }

    /** @return the reason, if refused */
    public Optional<RejectionReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return the explanation, if refused */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return usage != null ? (replayed ? "REPLAYED " : "LOCKED ") + usage.id() : "REFUSED " + reason + ": " + message;
    }
}
