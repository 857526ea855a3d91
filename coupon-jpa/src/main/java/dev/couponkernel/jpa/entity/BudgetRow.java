package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A coupon's money budget in one currency and what its locked and redeemed uses reserve of it. Table
 * {@code coupon_budget}, as coupon-jdbc's schema (version 7) defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkBudget")
@Table(name = "coupon_budget")
@IdClass(CouponCurrencyKey.class)
public class BudgetRow {

    @Id
    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Id
    @Column(name = "currency", nullable = false, length = 3)
    private String currency;

    @Column(name = "budget_minor", nullable = false)
    private long budgetMinor;

    @Column(name = "spent_minor", nullable = false)
    private long spentMinor;

    /** For the persistence provider. */
    protected BudgetRow() {}

    /**
     * A new row.
     *
     * @param couponId column {@code coupon_id}
     * @param currency column {@code currency}
     * @param budgetMinor column {@code budget_minor}
     * @param spentMinor column {@code spent_minor}
     */
    public BudgetRow(String couponId, String currency, long budgetMinor, long spentMinor) {
        this.couponId = couponId;
        this.currency = currency;
        this.budgetMinor = budgetMinor;
        this.spentMinor = spentMinor;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code currency} */
    public String getCurrency() {
        return currency;
    }

    /** @return column {@code budget_minor} */
    public long getBudgetMinor() {
        return budgetMinor;
    }

    /** @return column {@code spent_minor} */
    public long getSpentMinor() {
        return spentMinor;
    }
}
