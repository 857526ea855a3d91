package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Read model: one customer's locked, redeemed, released and reinstated usages of one coupon. Table {@code coupon_user_usage}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkUserUsage")
@Table(name = "coupon_user_usage")
@IdClass(CouponUserKey.class)
public class UserUsageRow {

    @Id
    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Id
    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "locked", nullable = false)
    private long locked;

    @Column(name = "redeemed", nullable = false)
    private long redeemed;

    @Column(name = "released", nullable = false)
    private long released;

    @Column(name = "reinstated", nullable = false)
    private long reinstated;

    @Column(name = "last_at", nullable = false)
    private Instant lastAt;

    /** For the persistence provider. */
    protected UserUsageRow() {}

    /**
     * A new row.
     *
     * @param userId column {@code user_id}
     * @param couponId column {@code coupon_id}
     * @param locked column {@code locked}
     * @param redeemed column {@code redeemed}
     * @param released column {@code released}
     * @param lastAt column {@code last_at}
     */
    public UserUsageRow(String userId, String couponId, long locked, long redeemed, long released, Instant lastAt) {
        this.userId = userId;
        this.couponId = couponId;
        this.locked = locked;
        this.redeemed = redeemed;
        this.released = released;
        this.lastAt = lastAt;
    }

    /** @return column {@code user_id} */
    public String getUserId() {
        return userId;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code locked} */
    public long getLocked() {
        return locked;
    }

    /** @return column {@code redeemed} */
    public long getRedeemed() {
        return redeemed;
    }

    /** @return column {@code released} */
    public long getReleased() {
        return released;
    }

    /** @return column {@code reinstated} */
    public long getReinstated() {
        return reinstated;
    }

    /** @return column {@code last_at} */
    public Instant getLastAt() {
        return lastAt;
    }
}
