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

    /**
     * Checks the coupon's hash chain (see {@link AuditEntry}) and reports the first entry that was
     * changed, removed, inserted or reordered. The default checks the entries {@link #byCoupon}
     * returns; a store that also keeps the chain's head (its length and last hash) should override it
     * to detect entries removed from the end.
     *
     * @param couponId a coupon
     * @return the verdict; intact for a coupon without entries
     */
    default AuditVerification verify(CouponId couponId) {
        return AuditChain.verify(couponId, byCoupon(couponId));
    }
}
