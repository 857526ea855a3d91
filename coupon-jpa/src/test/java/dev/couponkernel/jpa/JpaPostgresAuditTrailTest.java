package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.AuditTrailContract;

/** The JPA storage (Hibernate ORM) on PostgreSQL runs the whole {@link AuditTrailContract}. */
class JpaPostgresAuditTrailTest extends AuditTrailContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.postgres());
    }
}
