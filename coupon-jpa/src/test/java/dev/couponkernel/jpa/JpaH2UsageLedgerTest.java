package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/** The JPA storage (Hibernate ORM) on H2 runs the whole {@link UsageLedgerContract}. */
class JpaH2UsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.h2());
    }
}
