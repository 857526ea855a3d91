package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One customer's counted uses of one coupon. Table {@code coupon_user_counter}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkUserCounter")
@Table(name = "coupon_user_counter")
@IdClass(CouponUserKey.class)
public class UserCounterRow {

    @Id
    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Id
    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Column(name = "used", nullable = false)
    private long used;

    /** For the persistence provider. */
    protected UserCounterRow() {}

    /**
     * A new row.
     *
     * @param couponId column {@code coupon_id}
     * @param userId column {@code user_id}
     * @param used column {@code used}
     */
    public UserCounterRow(String couponId, String userId, long used) {
        this.couponId = couponId;
        this.userId = userId;
        this.used = used;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code user_id} */
    public String getUserId() {
        return userId;
    }

    /** @return column {@code used} */
    public long getUsed() {
        return used;
    }
}
