package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A checkout that locked, redeemed or released: every ledger operation on the checkout locks this row first. Table {@code coupon_checkout}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkCheckout")
@Table(name = "coupon_checkout")
public class CheckoutRow {

    @Id
    @Column(name = "checkout_id", nullable = false, length = 128)
    private String checkoutId;

    @Column(name = "closed_at")
    private Instant closedAt;

    /** For the persistence provider. */
    protected CheckoutRow() {}

    /**
     * A new row.
     *
     * @param checkoutId column {@code checkout_id}
     * @param closedAt column {@code closed_at} (nullable)
     */
    public CheckoutRow(String checkoutId, Instant closedAt) {
        this.checkoutId = checkoutId;
        this.closedAt = closedAt;
    }

    /** @return column {@code checkout_id} */
    public String getCheckoutId() {
        return checkoutId;
    }

    /** @return column {@code closed_at} */
    public Instant getClosedAt() {
        return closedAt;
    }
}
