package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of a coupon's audit chain: how many entries it has and the last one's hash. Table {@code coupon_audit_head}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkAuditHead")
@Table(name = "coupon_audit_head")
public class AuditHeadRow {

    @Id
    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "entries", nullable = false)
    private long entries;

    @Column(name = "last_hash", nullable = false, columnDefinition = "char(64)")
    private String lastHash;

    /** For the persistence provider. */
    protected AuditHeadRow() {}

    /**
     * A new row.
     *
     * @param couponId column {@code coupon_id}
     * @param entries column {@code entries}
     * @param lastHash column {@code last_hash}
     */
    public AuditHeadRow(String couponId, long entries, String lastHash) {
        this.couponId = couponId;
        this.entries = entries;
        this.lastHash = lastHash;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code entries} */
    public long getEntries() {
        return entries;
    }

    /** @return column {@code last_hash} */
    public String getLastHash() {
        return lastHash;
    }
}
