package dev.couponkernel.spi.ledger;

import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.CouponCode;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows a store read, under its locks, for the commands it asks {@link LedgerRules#decide}
 * about: each checkout's row and usages, each coupon's status and counter, each customer's counter.
 * {@link LedgerRules#needs} says which rows a command needs. Immutable once built; build one per
 * transaction. Thread-safe.
 */
public final class LedgerState {

    /**
     * A stored coupon as the ledger sees it: its status and its counter row.
     *
     * @param status the coupon's status, read while the store holds the counter row's lock (a status
     *     change locks it too, so a lock and a disable are ordered)
     * @param used the usages counted (LOCKED plus REDEEMED)
     * @param maxTotalUses the total limit the ledger holds, or null for none
     * @param maxUsesPerUser the per-customer limit the ledger holds, or null for none
     * @param budgets the coupon's budget rows by currency, read under the counter row's lock; empty
     *     for a coupon without a budget
     */
    public record CouponRow(CouponStatus status, long used, Long maxTotalUses, Long maxUsesPerUser,
            Map<java.util.Currency, Budget> budgets, boolean uniqueCodes, Long maxUsesPerCode) {
        /**
         * Validates the parts.
         *
         * @param status the coupon's status, read while the store holds the counter row's lock (a status change locks it too, so a lock and a disable are ordered)
         * @param used the usages counted (LOCKED plus REDEEMED)
         * @param maxTotalUses the total limit the ledger holds, or null for none
         * @param maxUsesPerUser the per-customer limit the ledger holds, or null for none
         * @param budgets the coupon's budget rows by currency
         * @param uniqueCodes whether the coupon is a campaign of unique codes, each with its own row
         * @param maxUsesPerCode the per-code limit the ledger holds, or null for none
         */
        public CouponRow {
            Checks.notNull(status, "status");
            Checks.nonNegative(used, "used");
            budgets = Map.copyOf(Checks.notNull(budgets, "budgets"));
            budgets.forEach((currency, b) -> {
                if (!b.limit().currency().equals(currency)) {
                    throw new IllegalArgumentException("the budget row of " + currency + " is in " + b.limit().currency());
                }
            });
            if (!uniqueCodes && maxUsesPerCode != null) {
                throw new IllegalArgumentException("a coupon of one shared code has no per-code limit");
            }
        }

        /**
         * A coupon of one shared code.
         *
         * @param status the coupon's status
         * @param used the usages counted
         * @param maxTotalUses the total limit the ledger holds, or null for none
         * @param maxUsesPerUser the per-customer limit the ledger holds, or null for none
         * @param budgets the coupon's budget rows by currency
         */
        public CouponRow(CouponStatus status, long used, Long maxTotalUses, Long maxUsesPerUser,
                Map<java.util.Currency, Budget> budgets) {
            this(status, used, maxTotalUses, maxUsesPerUser, budgets, false, null);
        }

        /**
         * A coupon of one shared code without a budget.
         *
         * @param status the coupon's status
         * @param used the usages counted
         * @param maxTotalUses the total limit the ledger holds, or null for none
         * @param maxUsesPerUser the per-customer limit the ledger holds, or null for none
         */
        public CouponRow(CouponStatus status, long used, Long maxTotalUses, Long maxUsesPerUser) {
            this(status, used, maxTotalUses, maxUsesPerUser, Map.of());
        }

        /**
         * @param newUsed another count
         * @param newBudgets other budget rows
         * @return this row with that count and those budget rows
         */
        public CouponRow with(long newUsed, Map<java.util.Currency, Budget> newBudgets) {
            return new CouponRow(status, newUsed, maxTotalUses, maxUsesPerUser, newBudgets, uniqueCodes, maxUsesPerCode);
        }
    }

    /**
     * One of a campaign's unique codes as the ledger sees it, read while the store holds its coupon's
     * counter row's lock (every change of its count, and voiding it, holds that lock too).
     *
     * @param couponId the coupon the code belongs to
     * @param voided whether the code was voided
     * @param used the code's usages counted (LOCKED plus REDEEMED)
     */
    public record CodeRow(CouponId couponId, boolean voided, long used) {
        /**
         * Validates the parts.
         *
         * @param couponId the coupon the code belongs to
         * @param voided whether the code was voided
         * @param used the code's usages counted
         */
        public CodeRow {
            Checks.notNull(couponId, "couponId");
            Checks.nonNegative(used, "used");
        }
    }

    /**
     * One currency's budget row of a coupon: the budget the ledger holds and what the coupon's locked
     * and redeemed uses reserve of it.
     *
     * @param limit the budget
     * @param spent the discounts of the locked and redeemed uses that said theirs, in the same currency
     */
    public record Budget(dev.couponkernel.spi.value.Money limit, dev.couponkernel.spi.value.Money spent) {
        /**
         * Validates the parts.
         *
         * @param limit the budget
         * @param spent the discounts reserved, in the same currency
         */
        public Budget {
            Checks.notNull(limit, "limit");
            Checks.notNull(spent, "spent");
            limit.requireSameCurrency(spent);
        }
    }

    /**
     * A checkout's row and its usages.
     *
     * @param closed whether a redeem or release closed it
     * @param usages its usages, at most one per coupon
     */
    public record CheckoutRow(boolean closed, List<UsageRecord> usages) {
        /**
         * Validates the parts.
         *
         * @param closed whether a redeem or release closed it
         * @param usages its usages, at most one per coupon
         */
        public CheckoutRow {
            usages = List.copyOf(Checks.notNull(usages, "usages"));
        }
    }

    /**
     * The key of a customer's counter row of one coupon. Ordered by coupon, then customer: the order in
     * which a store locks such rows.
     *
     * @param couponId the coupon
     * @param userId the customer
     */
    public record CustomerKey(CouponId couponId, UserId userId) implements Comparable<CustomerKey> {
        /**
         * Validates the parts.
         *
         * @param couponId the coupon
         * @param userId the customer
         */
        public CustomerKey {
            Checks.notNull(couponId, "couponId");
            Checks.notNull(userId, "userId");
        }

        @Override
        public int compareTo(CustomerKey o) {
            int byCoupon = couponId.compareTo(o.couponId);
            return byCoupon != 0 ? byCoupon : userId.compareTo(o.userId);
        }
    }

    private final Map<CheckoutId, CheckoutRow> checkouts;
    private final Map<CouponId, Optional<CouponRow>> coupons;
    private final Map<CustomerKey, Optional<Long>> customers;
    private final Map<CouponCode, Optional<CodeRow>> codes;

    private LedgerState(Builder b) {
        this.codes = Collections.unmodifiableMap(new HashMap<>(b.codes));
        this.checkouts = Collections.unmodifiableMap(new HashMap<>(b.checkouts));
        this.coupons = Collections.unmodifiableMap(new HashMap<>(b.coupons));
        this.customers = Collections.unmodifiableMap(new HashMap<>(b.customers));
    }

    /** @return a builder of an empty state */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the checkouts read, by id */
    public Map<CheckoutId, CheckoutRow> checkouts() {
        return checkouts;
    }

    /** @return the coupons read, by id; empty for a coupon the store does not hold */
    public Map<CouponId, Optional<CouponRow>> coupons() {
        return coupons;
    }

    /** @return the customers' counters read; empty for a customer without a counter row */
    public Map<CustomerKey, Optional<Long>> customers() {
        return customers;
    }

    /**
     * @return the unique codes read ({@link LedgerRules#codeNeeds}); empty for a code the store does not
     *     hold
     */
    public Map<CouponCode, Optional<CodeRow>> codes() {
        return codes;
    }

    /** Collects the rows of a state. Not thread-safe. */
    public static final class Builder {
        private final Map<CheckoutId, CheckoutRow> checkouts = new HashMap<>();
        private final Map<CouponId, Optional<CouponRow>> coupons = new HashMap<>();
        private final Map<CustomerKey, Optional<Long>> customers = new HashMap<>();
        private final Map<CouponCode, Optional<CodeRow>> codes = new HashMap<>();

        private Builder() {}

        /**
         * @param code a unique code
         * @param row its row, or null when the store does not hold the code
         * @return this
         */
        public Builder code(CouponCode code, CodeRow row) {
            codes.put(Checks.notNull(code, "code"), Optional.ofNullable(row));
            return this;
        }

        /**
         * @param id the checkout
         * @param closed whether it is closed
         * @param usages its usages
         * @return this
         */
        public Builder checkout(CheckoutId id, boolean closed, List<UsageRecord> usages) {
            checkouts.put(Checks.notNull(id, "checkoutId"), new CheckoutRow(closed, usages));
            return this;
        }

        /**
         * @param id a stored coupon
         * @param row its status and counter
         * @return this
         */
        public Builder coupon(CouponId id, CouponRow row) {
            coupons.put(Checks.notNull(id, "couponId"), Optional.of(Checks.notNull(row, "row")));
            return this;
        }

        /**
         * @param id a coupon the store looked for and does not hold
         * @return this
         */
        public Builder couponNotStored(CouponId id) {
            coupons.put(Checks.notNull(id, "couponId"), Optional.empty());
            return this;
        }

        /**
         * @param key the customer and coupon
         * @param used the customer's counted usages, or null when the store has no counter row for them
         * @return this
         */
        public Builder customer(CustomerKey key, Long used) {
            customers.put(Checks.notNull(key, "key"), Optional.ofNullable(used));
            return this;
        }

        /** @return the state */
        public LedgerState build() {
            return new LedgerState(this);
        }
    }
}
