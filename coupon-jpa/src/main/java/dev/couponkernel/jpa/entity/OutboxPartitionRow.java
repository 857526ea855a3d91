package dev.couponkernel.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of the sixteen outbox partitions, which a relay claims by locking its row. Table {@code coupon_outbox_partition}, as coupon-jdbc's schema defines it.
 *
 * <p>The storage writes rows of this entity with {@code persist} and changes them with bulk statements only; it
 * never keeps an instance managed. Instances are not thread-safe.
 */
@Entity(name = "CkOutboxPartition")
@Table(name = "coupon_outbox_partition")
public class OutboxPartitionRow {

    @Id
    @Column(name = "partition_no", nullable = false)
    private int partitionNo;

    /** For the persistence provider. */
    protected OutboxPartitionRow() {}

    /**
     * A new row.
     *
     * @param partitionNo column {@code partition_no}
     */
    public OutboxPartitionRow(int partitionNo) {
        this.partitionNo = partitionNo;
    }

    /** @return column {@code partition_no} */
    public int getPartitionNo() {
        return partitionNo;
    }
}
