package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event stored with its change, pending until the relay marks it published. Table {@code coupon_outbox}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkOutbox")
@Table(name = "coupon_outbox")
public class OutboxRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq", nullable = false)
    private Long seq;

    @Column(name = "event_id", nullable = false, length = 64)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 64)
    private String eventType;

    @Column(name = "coupon_id", nullable = false, length = 128)
    private String couponId;

    @Column(name = "partition_no", nullable = false)
    private int partitionNo;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "payload", nullable = false, length = 1000000)
    private String payload;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "audit_pos")
    private Long auditPos;

    /** For the persistence provider. */
    protected OutboxRow() {}

    /**
     * A new row.
     *
     * @param eventId column {@code event_id}
     * @param eventType column {@code event_type}
     * @param couponId column {@code coupon_id}
     * @param partitionNo column {@code partition_no}
     * @param recordedAt column {@code recorded_at}
     * @param payload column {@code payload}
     * @param publishedAt column {@code published_at} (nullable)
     * @param auditPos column {@code audit_pos}: the chain position of the event's audit entry (nullable)
     */
    public OutboxRow(String eventId, String eventType, String couponId, int partitionNo, Instant recordedAt, String payload,
            Instant publishedAt, Long auditPos) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.couponId = couponId;
        this.partitionNo = partitionNo;
        this.recordedAt = recordedAt;
        this.payload = payload;
        this.publishedAt = publishedAt;
        this.auditPos = auditPos;
    }

    /** @return column {@code audit_pos}, null for rows written before schema version 3 */
    public Long getAuditPos() {
        return auditPos;
    }

    /** @return column {@code seq} */
    public Long getSeq() {
        return seq;
    }

    /** @return column {@code event_id} */
    public String getEventId() {
        return eventId;
    }

    /** @return column {@code event_type} */
    public String getEventType() {
        return eventType;
    }

    /** @return column {@code coupon_id} */
    public String getCouponId() {
        return couponId;
    }

    /** @return column {@code partition_no} */
    public int getPartitionNo() {
        return partitionNo;
    }

    /** @return column {@code recorded_at} */
    public Instant getRecordedAt() {
        return recordedAt;
    }

    /** @return column {@code payload} */
    public String getPayload() {
        return payload;
    }

    /** @return column {@code published_at} */
    public Instant getPublishedAt() {
        return publishedAt;
    }
}
