package dev.couponkernel.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

/** The two-column primary key of a row, for the persistence provider. Not thread-safe. */
public class CouponUserKey implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Column {@code coupon_id}. */
    private String couponId;
    /** Column {@code user_id}. */
    private String userId;

    /** For the persistence provider. */
    public CouponUserKey() {}

    /**
     * @param couponId the first key column
     * @param userId the second key column
     */
    public CouponUserKey(String couponId, String userId) {
        this.couponId = couponId;
        this.userId = userId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CouponUserKey k && Objects.equals(couponId, k.couponId) && Objects.equals(userId, k.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(couponId, userId);
    }
}
