package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A coupon's usages by status, and the discounts of those that hold its budget: what {@link
 * UsageLedger#summary} reads for a staff page or a report.
 *
 * <p>Immutable and thread-safe.
 *
 * @param locked usages locked now (checkouts in flight)
 * @param redeemed usages redeemed (orders placed and not given back)
 * @param released usages released or expired
 * @param reinstated redeemed usages given back after a cancelled order
 * @param lockedDiscount the discounts the locked usages reserve, one amount per currency, by currency code
 * @param redeemedDiscount the discounts the redeemed usages took, one amount per currency, by currency code
 */
public record UsageSummary(long locked, long redeemed, long released, long reinstated, List<Money> lockedDiscount,
        List<Money> redeemedDiscount) {

    /** A coupon with no usage. */
    public static final UsageSummary NONE = new UsageSummary(0, 0, 0, 0, List.of(), List.of());

    /**
     * Checks the counts and orders the amounts.
     *
     * @param locked usages locked now
     * @param redeemed usages redeemed
     * @param released usages released or expired
     * @param reinstated redeemed usages given back
     * @param lockedDiscount the discounts the locked usages reserve, one per currency
     * @param redeemedDiscount the discounts the redeemed usages took, one per currency
     */
    public UsageSummary {
        if (locked < 0 || redeemed < 0 || released < 0 || reinstated < 0) {
            throw new IllegalArgumentException("usage counts cannot be negative: " + locked + ", " + redeemed + ", "
                    + released + ", " + reinstated);
        }
        lockedDiscount = byCurrency(Checks.notNull(lockedDiscount, "lockedDiscount"));
        redeemedDiscount = byCurrency(Checks.notNull(redeemedDiscount, "redeemedDiscount"));
    }

    /** @return every usage the ledger holds for the coupon */
    public long total() {
        return locked + redeemed + released + reinstated;
    }

    /** @return the usages counted against the coupon's total limit now: locked and redeemed */
    public long counted() {
        return locked + redeemed;
    }

    /**
     * The budget used: the discounts of the locked and redeemed usages, one amount per currency (what a
     * budget per currency is compared with).
     *
     * @return the amounts, by currency code
     */
    public List<Money> budgetUsed() {
        List<Money> all = new ArrayList<>(lockedDiscount);
        all.addAll(redeemedDiscount);
        return byCurrency(all);
    }

    /**
     * Sums amounts per currency.
     *
     * @param amounts amounts in any currencies, in any order
     * @return one amount per currency, by currency code
     */
    public static List<Money> byCurrency(List<Money> amounts) {
        Map<String, Money> sums = new TreeMap<>();
        for (Money m : amounts) {
            sums.merge(Checks.notNull(m, "amount").currency().getCurrencyCode(), m, Money::plus);
        }
        List<Money> out = new ArrayList<>(sums.values());
        out.sort(Comparator.comparing(m -> m.currency().getCurrencyCode()));
        return List.copyOf(out);
    }
}
