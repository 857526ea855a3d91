package dev.couponkernel.spi.store;

import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.util.List;

/**
 * Reads the append-only audit trail. Entries are appended by the {@link CouponRepository} and the
 * {@link UsageLedger} of the same {@link CouponStorage}, in the atomic unit of the change they
 * describe; there is no way to change or remove one.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AuditTrail {

    /**
     * @param couponId a coupon
     * @return every entry about the coupon and its usages, oldest first
     */
    List<AuditEntry> byCoupon(CouponId couponId);

    /**
     * @param usageId a usage
     * @return every entry about the usage, oldest first
     */
    List<AuditEntry> byUsage(UsageId usageId);
}
