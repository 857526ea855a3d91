package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How often a coupon may be used: in total over all customers, and by one customer, and how much its
 * discounts may add up to ({@link #budget()}, per currency). Each limit may be absent (unlimited). A usage counts against the limits from the moment it is locked until it is
 * released; a redeemed usage counts forever.
 *
 * <p>A per-user limit above the total limit contradicts it and is refused. Immutable and thread-safe.
 */
public final class UsageLimits {

    private static final long NONE = -1;
    private static final UsageLimits UNLIMITED = new UsageLimits(NONE, NONE);

    private final long maxTotalUses;
    private final long maxUsesPerUser;
    private final CurrencyAmounts budget;
    private final long maxUsesPerCode;

    private UsageLimits(long maxTotalUses, long maxUsesPerUser) {
        this(maxTotalUses, maxUsesPerUser, CurrencyAmounts.none(), NONE);
    }

    private UsageLimits(long maxTotalUses, long maxUsesPerUser, CurrencyAmounts budget, long maxUsesPerCode) {
        this.maxTotalUses = maxTotalUses;
        this.maxUsesPerUser = maxUsesPerUser;
        this.budget = budget;
        this.maxUsesPerCode = maxUsesPerCode;
    }

    private static UsageLimits of(long maxTotalUses, long maxUsesPerUser, CurrencyAmounts budget, long maxUsesPerCode) {
        return maxTotalUses == NONE && maxUsesPerUser == NONE && budget.isEmpty() && maxUsesPerCode == NONE
                ? UNLIMITED : new UsageLimits(maxTotalUses, maxUsesPerUser, budget, maxUsesPerCode);
    }

    /**
     * Returns these limits with a per-code limit, for a coupon of unique codes
     * ({@link dev.couponkernel.spi.coupon.CodeMode#UNIQUE}): each of its codes is used at most this
     * often (1 for single-use codes), over all customers; the total and per-customer limits count the
     * uses of all its codes together.
     *
     * @param maxUsesPerCode uses of one code, at least 1
     * @return the limits with that per-code limit
     * @throws InvalidInputException if the limit is below 1
     */
    public UsageLimits withPerCode(long maxUsesPerCode) {
        if (maxUsesPerCode < 1) {
            throw new InvalidInputException("limits.maxUsesPerCode", "must be at least 1, was " + maxUsesPerCode);
        }
        return of(maxTotalUses, maxUsesPerUser, budget, maxUsesPerCode);
    }

    /**
     * @param maxUsesPerCode the per-code limit, or empty for none
     * @return the limits with that per-code limit, or without one
     */
    public UsageLimits withPerCode(OptionalLong maxUsesPerCode) {
        Objects.requireNonNull(maxUsesPerCode, "maxUsesPerCode");
        return maxUsesPerCode.isPresent() ? withPerCode(maxUsesPerCode.getAsLong())
                : of(maxTotalUses, maxUsesPerUser, budget, NONE);
    }

    /** @return the per-code limit, if any */
    public OptionalLong maxUsesPerCode() {
        return maxUsesPerCode == NONE ? OptionalLong.empty() : OptionalLong.of(maxUsesPerCode);
    }

    /**
     * Returns these limits with a money budget: in each currency, the discounts of the coupon's locked
     * and redeemed uses never add up to more than its amount. A lock reserves its discount, a release
     * or a reinstate gives it back. A coupon with a budget is used only in the budget's currencies.
     *
     * @param amounts one positive amount per currency; none for no budget
     * @return the limits with that budget
     * @throws InvalidInputException if an amount is zero or two share a currency
     */
    public UsageLimits withBudget(Money... amounts) {
        return withBudget(CurrencyAmounts.of("limits.budget", amounts));
    }

    /**
     * @param budget the budget per currency, empty for none
     * @return the limits with that budget
     */
    public UsageLimits withBudget(CurrencyAmounts budget) {
        Objects.requireNonNull(budget, "budget");
        return of(maxTotalUses, maxUsesPerUser, budget, maxUsesPerCode);
    }

    /** @return the money budget per currency, empty when the coupon has none */
    public CurrencyAmounts budget() {
        return budget;
    }

    /** @return limits that never stop a usage */
    public static UsageLimits unlimited() {
        return UNLIMITED;
    }

    /**
     * Returns limits with both a total and a per-user limit.
     *
     * @param maxTotalUses uses over all customers, at least 1
     * @param maxUsesPerUser uses by one customer, at least 1 and at most {@code maxTotalUses}
     * @return the limits
     * @throws InvalidInputException if a limit is below 1 or the per-user limit exceeds the total
     */
    public static UsageLimits of(long maxTotalUses, long maxUsesPerUser) {
        return of(OptionalLong.of(maxTotalUses), OptionalLong.of(maxUsesPerUser));
    }

    /**
     * Returns limits from optional parts.
     *
     * @param maxTotalUses uses over all customers, at least 1, or empty for no total limit
     * @param maxUsesPerUser uses by one customer, at least 1, or empty for no per-user limit
     * @return the limits
     * @throws InvalidInputException if a limit is below 1 or the per-user limit exceeds the total
     */
    public static UsageLimits of(OptionalLong maxTotalUses, OptionalLong maxUsesPerUser) {
        Objects.requireNonNull(maxTotalUses, "maxTotalUses");
        Objects.requireNonNull(maxUsesPerUser, "maxUsesPerUser");
        long total = maxTotalUses.orElse(NONE);
        long perUser = maxUsesPerUser.orElse(NONE);
        if (maxTotalUses.isPresent() && total < 1) {
            throw new InvalidInputException("limits.maxTotalUses", "must be at least 1, was " + total);
        }
        if (maxUsesPerUser.isPresent() && perUser < 1) {
            throw new InvalidInputException("limits.maxUsesPerUser", "must be at least 1, was " + perUser);
        }
        if (total != NONE && perUser != NONE && perUser > total) {
            throw new InvalidInputException(
                    "limits.maxUsesPerUser",
                    "the per-user limit " + perUser + " exceeds the total limit " + total);
        }
        return total == NONE && perUser == NONE ? UNLIMITED : new UsageLimits(total, perUser);
    }

    /**
     * Returns a total limit only.
     *
     * @param maxTotalUses uses over all customers, at least 1
     * @return the limits
     */
    public static UsageLimits total(long maxTotalUses) {
        return of(OptionalLong.of(maxTotalUses), OptionalLong.empty());
    }

    /**
     * Returns a per-user limit only.
     *
     * @param maxUsesPerUser uses by one customer, at least 1
     * @return the limits
     */
    public static UsageLimits perUser(long maxUsesPerUser) {
        return of(OptionalLong.empty(), OptionalLong.of(maxUsesPerUser));
    }

    /** @return the total limit, if any */
    public OptionalLong maxTotalUses() {
        return maxTotalUses == NONE ? OptionalLong.empty() : OptionalLong.of(maxTotalUses);
    }

    /** @return the per-user limit, if any */
    public OptionalLong maxUsesPerUser() {
        return maxUsesPerUser == NONE ? OptionalLong.empty() : OptionalLong.of(maxUsesPerUser);
    }

    /**
     * Tells whether another usage is refused by the total limit.
     *
     * @param usedTotal usages counted against the coupon now (locked plus redeemed)
     * @return true if the total limit is reached
     */
    public boolean totalReached(long usedTotal) {
        return maxTotalUses != NONE && usedTotal >= maxTotalUses;
    }

    /**
     * Tells whether another usage by a customer is refused by the per-user limit.
     *
     * @param usedByUser usages counted against the coupon for this customer now
     * @return true if the per-user limit is reached
     */
    public boolean userReached(long usedByUser) {
        return maxUsesPerUser != NONE && usedByUser >= maxUsesPerUser;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageLimits l && l.maxTotalUses == maxTotalUses && l.maxUsesPerUser == maxUsesPerUser
                && l.budget.equals(budget) && l.maxUsesPerCode == maxUsesPerCode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxTotalUses, maxUsesPerUser, budget, maxUsesPerCode);
    }

    @Override
    public String toString() {
        return "UsageLimits[total=" + (maxTotalUses == NONE ? "unlimited" : maxTotalUses)
                + ", perUser=" + (maxUsesPerUser == NONE ? "unlimited" : maxUsesPerUser)
                + (budget.isEmpty() ? "" : ", budget=" + budget.values())
                + (maxUsesPerCode == NONE ? "" : ", perCode=" + maxUsesPerCode) + "]";
    }
}
