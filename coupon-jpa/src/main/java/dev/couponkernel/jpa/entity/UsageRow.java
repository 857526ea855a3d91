package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One use of a coupon by one checkout: LOCKED, then REDEEMED or RELEASED, and a REDEEMED one maybe REINSTATED. Table {@code coupon_usage}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkUsage")
@Table(name = "coupon_usage")
public class UsageRow {

    @Id
    @Column(name = "id", nullable = false, length = 64)
    private String id;

    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "code", nullable = false, length = 32)
    private String code;

    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Column(name = "checkout_id", nullable = false, length = 128)
    private String checkoutId;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "locked_at", nullable = false)
    private Instant lockedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "order_id", length = 128)
    private String orderId;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "release_reason", length = 512)
    private String releaseReason;

    @Column(name = "reinstated_at")
    private Instant reinstatedAt;

    @Column(name = "discount_minor")
    private Long discountMinor;

    @Column(name = "discount_currency", length = 3)
    private String discountCurrency;

    /** For the persistence provider. */
    protected UsageRow() {}

    /**
     * A new row.
     *
     * @param id column {@code id}
     * @param couponId column {@code coupon_id}
     * @param code column {@code code}
     * @param userId column {@code user_id}
     * @param checkoutId column {@code checkout_id}
     * @param status column {@code status}
     * @param lockedAt column {@code locked_at}
     * @param expiresAt column {@code expires_at}
     * @param orderId column {@code order_id} (nullable)
     * @param closedAt column {@code closed_at} (nullable)
     * @param releaseReason column {@code release_reason} (nullable)
     */
    public UsageRow(String id, String couponId, String code, String userId, String checkoutId, String status, Instant lockedAt, Instant expiresAt, String orderId, Instant closedAt, String releaseReason) {
        this.id = id;
        this.couponId = couponId;
        this.code = code;
        this.userId = userId;
        this.checkoutId = checkoutId;
        this.status = status;
        this.lockedAt = lockedAt;
        this.expiresAt = expiresAt;
        this.orderId = orderId;
        this.closedAt = closedAt;
        this.releaseReason = releaseReason;
    }

    /**
     * A new row with every column.
     *
     * @param id column {@code id}
     * @param couponId column {@code coupon_id}
     * @param code column {@code code}
     * @param userId column {@code user_id}
     * @param checkoutId column {@code checkout_id}
     * @param status column {@code status}
     * @param lockedAt column {@code locked_at}
     * @param expiresAt column {@code expires_at}
     * @param orderId column {@code order_id} (nullable)
     * @param closedAt column {@code closed_at} (nullable)
     * @param releaseReason column {@code release_reason} (nullable)
     * @param reinstatedAt column {@code reinstated_at} (nullable)
     * @param discountMinor column {@code discount_minor} (nullable)
     * @param discountCurrency column {@code discount_currency} (nullable)
     */
    public UsageRow(String id, String couponId, String code, String userId, String checkoutId, String status, Instant lockedAt,
            Instant expiresAt, String orderId, Instant closedAt, String releaseReason, Instant reinstatedAt, Long discountMinor,
            String discountCurrency) {
        this(id, couponId, code, userId, checkoutId, status, lockedAt, expiresAt, orderId, closedAt, releaseReason);
        this.reinstatedAt = reinstatedAt;
        this.discountMinor = discountMinor;
        this.discountCurrency = discountCurrency;
    }

    /** @return column {@code id} */
    public String getId() {
        return id;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code code} */
    public String getCode() {
        return code;
    }

    /** @return column {@code user_id} */
    public String getUserId() {
        return userId;
    }

    /** @return column {@code checkout_id} */
    public String getCheckoutId() {
        return checkoutId;
    }

    /** @return column {@code status} */
    public String getStatus() {
        return status;
    }

    /** @return column {@code locked_at} */
    public Instant getLockedAt() {
        return lockedAt;
    }

    /** @return column {@code expires_at} */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** @return column {@code order_id} */
    public String getOrderId() {
        return orderId;
    }

    /** @return column {@code closed_at} */
    public Instant getClosedAt() {
        return closedAt;
    }

    /** @return column {@code release_reason} */
    public String getReleaseReason() {
        return releaseReason;
    }

    /** @return column {@code reinstated_at} */
    public Instant getReinstatedAt() {
        return reinstatedAt;
    }

    /** @return column {@code discount_minor} */
    public Long getDiscountMinor() {
        return discountMinor;
    }

    /** @return column {@code discount_currency} */
    public String getDiscountCurrency() {
        return discountCurrency;
    }
}
