package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A code a customer can type: a coupon's shared code (no batch) or one of a campaign's unique codes,
 * with its counts. Table {@code coupon_code}, as coupon-jdbc's schema (versions 8 and 9) defines it; its
 * primary key is the one namespace of typed codes, and {@code seq}, which the database numbers, the
 * order codes were added in.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements
 * only; it never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkCode")
@Table(name = "coupon_code")
public class CodeRow {

    @Id
    @Column(name = "code", nullable = false, length = 32)
    private String code;

    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "batch_id", length = 64)
    private String batchId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "used", nullable = false)
    private long used;

    @Column(name = "redeemed", nullable = false)
    private long redeemed;

    @Column(name = "last_locked_at")
    private Instant lastLockedAt;

    @Column(name = "last_redeemed_at")
    private Instant lastRedeemedAt;

    @Column(name = "voided_at")
    private Instant voidedAt;

    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    /** For the persistence provider. */
    protected CodeRow() {}

    /**
     * A new row, unused.
     *
     * @param code column {@code code}
     * @param couponId column {@code coupon_id}
     * @param batchId column {@code batch_id}, null for a shared code
     * @param createdAt column {@code created_at}
     */
    public CodeRow(String code, String couponId, String batchId, Instant createdAt) {
        this.code = code;
        this.couponId = couponId;
        this.batchId = batchId;
        this.createdAt = createdAt;
    }

    /** @return column {@code code} */
    public String getCode() {
        return code;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code batch_id} */
    public String getBatchId() {
        return batchId;
    }

    /** @return column {@code created_at} */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @return column {@code used} */
    public long getUsed() {
        return used;
    }

    /** @return column {@code redeemed} */
    public long getRedeemed() {
        return redeemed;
    }

    /** @return column {@code last_locked_at} */
    public Instant getLastLockedAt() {
        return lastLockedAt;
    }

    /** @return column {@code last_redeemed_at} */
    public Instant getLastRedeemedAt() {
        return lastRedeemedAt;
    }

    /** @return column {@code voided_at} */
    public Instant getVoidedAt() {
        return voidedAt;
    }

    /** @return column {@code seq}: the order the code was added in, numbered by the database (null until read back) */
    public Long getSeq() {
        return seq;
    }
}
