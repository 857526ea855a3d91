package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.testkit.AuditTrailContract;
import java.util.List;

/**
 * A host's trail that implements only {@link AuditTrail#byCoupon} and {@link AuditTrail#byUsage}
 * runs the whole {@link AuditTrailContract} through the SPI's defaults of {@code size}, {@code page}
 * and {@code verify}.
 */
class DefaultAuditPagesTest extends AuditTrailContract {

    @Override
    protected CouponStorage newStorage() {
        CouponStorage real = InMemoryCouponStorage.create();
        AuditTrail onlyReads = new AuditTrail() {
            @Override
            public List<AuditEntry> byCoupon(CouponId couponId) {
                return real.audit().byCoupon(couponId);
            }

            @Override
            public List<AuditEntry> byUsage(UsageId usageId) {
                return real.audit().byUsage(usageId);
            }
        };
        return new WithAudit(real, onlyReads);
    }
}
