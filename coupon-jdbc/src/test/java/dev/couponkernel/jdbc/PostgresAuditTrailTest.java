package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.AuditTrailContract;

/** The JDBC storage on Postgres runs the whole {@link AuditTrailContract}. */
class PostgresAuditTrailTest extends AuditTrailContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.postgres());
    }
}
