package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Read model: an ACTIVE coupon by code. Table {@code coupon_active_code}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkActiveCode")
@Table(name = "coupon_active_code")
public class ActiveCodeRow {

    @Id
    @Column(name = "code", nullable = false, length = 32)
    private String code;

    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "discount_type", nullable = false, length = 64)
    private String discountType;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "version", nullable = false)
    private long version;

    /** For the persistence provider. */
    protected ActiveCodeRow() {}

    /**
     * A new row.
     *
     * @param code column {@code code}
     * @param couponId column {@code coupon_id}
     * @param discountType column {@code discount_type}
     * @param validFrom column {@code valid_from}
     * @param validUntil column {@code valid_until} (nullable)
     * @param version column {@code version}
     */
    public ActiveCodeRow(String code, String couponId, String discountType, Instant validFrom, Instant validUntil, long version) {
        this.code = code;
        this.couponId = couponId;
        this.discountType = discountType;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.version = version;
    }

    /** @return column {@code code} */
    public String getCode() {
        return code;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code discount_type} */
    public String getDiscountType() {
        return discountType;
    }

    /** @return column {@code valid_from} */
    public Instant getValidFrom() {
        return validFrom;
    }

    /** @return column {@code valid_until} */
    public Instant getValidUntil() {
        return validUntil;
    }

    /** @return column {@code version} */
    public long getVersion() {
        return version;
    }
}
