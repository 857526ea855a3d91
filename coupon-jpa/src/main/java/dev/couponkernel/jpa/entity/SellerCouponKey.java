package dev.couponkernel.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

/** The two-column primary key of a row, for the persistence provider. Not thread-safe. */
public class SellerCouponKey implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Column {@code seller_id}. */
    private String sellerId;
    /** Column {@code coupon_id}. */
    private String couponId;

    /** For the persistence provider. */
    public SellerCouponKey() {}

    /**
     * @param sellerId the first key column
     * @param couponId the second key column
     */
    public SellerCouponKey(String sellerId, String couponId) {
        this.sellerId = sellerId;
        this.couponId = couponId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SellerCouponKey k && Objects.equals(sellerId, k.sellerId) && Objects.equals(couponId, k.couponId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sellerId, couponId);
    }
}
