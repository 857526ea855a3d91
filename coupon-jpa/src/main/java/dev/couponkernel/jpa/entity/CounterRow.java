package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A coupon's counted uses and the limits the ledger holds: the row a lock updates conditionally. Table {@code coupon_counter}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkCounter")
@Table(name = "coupon_counter")
public class CounterRow {

    @Id
    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "max_total_uses")
    private Long maxTotalUses;

    @Column(name = "max_uses_per_user")
    private Long maxUsesPerUser;

    @Column(name = "used", nullable = false)
    private long used;

    @Column(name = "max_uses_per_code")
    private Long maxUsesPerCode;

    /** For the persistence provider. */
    protected CounterRow() {}

    /**
     * A new row.
     *
     * @param couponId column {@code coupon_id}
     * @param maxTotalUses column {@code max_total_uses} (nullable)
     * @param maxUsesPerUser column {@code max_uses_per_user} (nullable)
     * @param used column {@code used}
     */
    public CounterRow(String couponId, Long maxTotalUses, Long maxUsesPerUser, long used) {
        this.couponId = couponId;
        this.maxTotalUses = maxTotalUses;
        this.maxUsesPerUser = maxUsesPerUser;
        this.used = used;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code max_total_uses} */
    public Long getMaxTotalUses() {
        return maxTotalUses;
    }

    /** @return column {@code max_uses_per_user} */
    public Long getMaxUsesPerUser() {
        return maxUsesPerUser;
    }

    /** @return column {@code used} */
    public long getUsed() {
        return used;
    }

    /** @return column {@code max_uses_per_code} (nullable; a campaign's only) */
    public Long getMaxUsesPerCode() {
        return maxUsesPerCode;
    }

    /**
     * @param maxUsesPerCode column {@code max_uses_per_code} of a new row
     * @return this row
     */
    public CounterRow withMaxUsesPerCode(Long maxUsesPerCode) {
        this.maxUsesPerCode = maxUsesPerCode;
        return this;
    }
}
