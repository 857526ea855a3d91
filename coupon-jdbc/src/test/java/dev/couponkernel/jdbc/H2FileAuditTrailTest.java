package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.AuditTrailContract;

/** The JDBC storage on H2File runs the whole {@link AuditTrailContract}. */
class H2FileAuditTrailTest extends AuditTrailContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.h2File());
    }
}
