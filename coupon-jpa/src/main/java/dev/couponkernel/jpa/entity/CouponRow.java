package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A coupon: its definition as stored text, the columns derived from it that queries and checks use, status and version. Table {@code coupon}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkCoupon")
@Table(name = "coupon")
public class CouponRow {

    @Id
    @Column(name = "id", nullable = false, length = 128)
    private String id;

    @Column(name = "code", nullable = false, length = 32)
    private String code;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "discount_type", nullable = false, length = 64)
    private String discountType;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "max_total_uses")
    private Long maxTotalUses;

    @Column(name = "max_uses_per_user")
    private Long maxUsesPerUser;

    @Column(name = "unique_codes", nullable = false)
    private boolean uniqueCodes;

    @Column(name = "definition", nullable = false, length = 1000000)
    private String definition;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** For the persistence provider. */
    protected CouponRow() {}

    /**
     * A new row.
     *
     * @param id column {@code id}
     * @param code column {@code code}
     * @param status column {@code status}
     * @param discountType column {@code discount_type}
     * @param validFrom column {@code valid_from}
     * @param validUntil column {@code valid_until} (nullable)
     * @param maxTotalUses column {@code max_total_uses} (nullable)
     * @param maxUsesPerUser column {@code max_uses_per_user} (nullable)
     * @param definition column {@code definition}
     * @param version column {@code version}
     * @param createdAt column {@code created_at}
     * @param updatedAt column {@code updated_at}
     */
    public CouponRow(String id, String code, String status, String discountType, Instant validFrom, Instant validUntil, Long maxTotalUses, Long maxUsesPerUser, String definition, long version, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.code = code;
        this.status = status;
        this.discountType = discountType;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.maxTotalUses = maxTotalUses;
        this.maxUsesPerUser = maxUsesPerUser;
        this.definition = definition;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** @return column {@code id} */
    public String getId() {
        return id;
    }

    /** @return column {@code code} */
    public String getCode() {
        return code;
    }

    /** @return column {@code status} */
    public String getStatus() {
        return status;
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

    /** @return column {@code max_total_uses} */
    public Long getMaxTotalUses() {
        return maxTotalUses;
    }

    /** @return column {@code max_uses_per_user} */
    public Long getMaxUsesPerUser() {
        return maxUsesPerUser;
    }

    /** @return column {@code definition} */
    public String getDefinition() {
        return definition;
    }

    /** @return column {@code version} */
    public long getVersion() {
        return version;
    }

    /** @return column {@code created_at} */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @return column {@code updated_at} */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** @return column {@code unique_codes} */
    public boolean isUniqueCodes() {
        return uniqueCodes;
    }

    /**
     * @param uniqueCodes column {@code unique_codes} of a new row
     * @return this row
     */
    public CouponRow withUniqueCodes(boolean uniqueCodes) {
        this.uniqueCodes = uniqueCodes;
        return this;
    }
}
