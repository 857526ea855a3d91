package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One audit entry, a link of its coupon's hash chain. Append-only. Table {@code coupon_audit}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkAudit")
@Table(name = "coupon_audit")
public class AuditRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq", nullable = false)
    private Long seq;

    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "usage_id", length = 64)
    private String usageId;

    @Column(name = "action", nullable = false, length = 32)
    private String action;

    @Column(name = "actor", nullable = false, length = 128)
    private String actor;

    @Column(name = "reason", length = 512)
    private String reason;

    @Column(name = "detail", nullable = false, length = 1024)
    private String detail;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "chain_pos", nullable = false)
    private long chainPos;

    @Column(name = "prev_hash", nullable = false, columnDefinition = "char(64)")
    private String prevHash;

    @Column(name = "hash", nullable = false, columnDefinition = "char(64)")
    private String hash;

    /** For the persistence provider. */
    protected AuditRow() {}

    /**
     * A new row.
     *
     * @param couponId column {@code coupon_id}
     * @param usageId column {@code usage_id} (nullable)
     * @param action column {@code action}
     * @param actor column {@code actor}
     * @param reason column {@code reason} (nullable)
     * @param detail column {@code detail}
     * @param at column {@code at}
     * @param chainPos column {@code chain_pos}
     * @param prevHash column {@code prev_hash}
     * @param hash column {@code hash}
     */
    public AuditRow(String couponId, String usageId, String action, String actor, String reason, String detail, Instant at, long chainPos, String prevHash, String hash) {
        this.couponId = couponId;
        this.usageId = usageId;
        this.action = action;
        this.actor = actor;
        this.reason = reason;
        this.detail = detail;
        this.at = at;
        this.chainPos = chainPos;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    /** @return column {@code seq} */
    public Long getSeq() {
        return seq;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code usage_id} */
    public String getUsageId() {
        return usageId;
    }

    /** @return column {@code action} */
    public String getAction() {
        return action;
    }

    /** @return column {@code actor} */
    public String getActor() {
        return actor;
    }

    /** @return column {@code reason} */
    public String getReason() {
        return reason;
    }

    /** @return column {@code detail} */
    public String getDetail() {
        return detail;
    }

    /** @return column {@code at} */
    public Instant getAt() {
        return at;
    }

    /** @return column {@code chain_pos} */
    public long getChainPos() {
        return chainPos;
    }

    /** @return column {@code prev_hash} */
    public String getPrevHash() {
        return prevHash;
    }

    /** @return column {@code hash} */
    public String getHash() {
        return hash;
    }
}
