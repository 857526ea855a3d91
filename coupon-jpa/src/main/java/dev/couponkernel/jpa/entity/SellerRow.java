package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Read model: a coupon scoped to a seller, with its status. Table {@code coupon_seller}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkSeller")
@Table(name = "coupon_seller")
@IdClass(SellerCouponKey.class)
public class SellerRow {

    @Id
    @Column(name = "seller_id", nullable = false, length = 128)
    private String sellerId;

    @Id
    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "code", nullable = false, length = 32)
    private String code;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    /** For the persistence provider. */
    protected SellerRow() {}

    /**
     * A new row.
     *
     * @param sellerId column {@code seller_id}
     * @param couponId column {@code coupon_id}
     * @param code column {@code code}
     * @param status column {@code status}
     */
    public SellerRow(String sellerId, String couponId, String code, String status) {
        this.sellerId = sellerId;
        this.couponId = couponId;
        this.code = code;
        this.status = status;
    }

    /** @return column {@code seller_id} */
    public String getSellerId() {
        return sellerId;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code code} */
    public String getCode() {
        return code;
    }

    /** @return column {@code status} */
    public String getStatus() {
        return status;
    }
}
