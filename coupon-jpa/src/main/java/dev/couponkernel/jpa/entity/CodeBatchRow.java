package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A batch of unique codes added to a campaign. Table {@code coupon_code_batch}, as coupon-jdbc's
 * schema (version 8) defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements
 * only; it never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkCodeBatch")
@Table(name = "coupon_code_batch")
public class CodeBatchRow {

    @Id
    @Column(name = "batch_id", nullable = false, length = 64)
    private String batchId;

    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "added", nullable = false)
    private long added;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For the persistence provider. */
    protected CodeBatchRow() {}

    /**
     * A new row.
     *
     * @param batchId column {@code batch_id}
     * @param couponId column {@code coupon_id}
     * @param added column {@code added}
     * @param createdAt column {@code created_at}
     */
    public CodeBatchRow(String batchId, String couponId, long added, Instant createdAt) {
        this.batchId = batchId;
        this.couponId = couponId;
        this.added = added;
        this.createdAt = createdAt;
    }

    /** @return column {@code batch_id} */
    public String getBatchId() {
        return batchId;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code added} */
    public long getAdded() {
        return added;
    }

    /** @return column {@code created_at} */
    public Instant getCreatedAt() {
        return createdAt;
    }
}
