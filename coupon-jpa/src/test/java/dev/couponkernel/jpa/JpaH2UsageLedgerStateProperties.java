package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerStateProperties;

/** The JPA storage (Hibernate ORM) on H2 runs the ledger's stateful property. */
class JpaH2UsageLedgerStateProperties extends UsageLedgerStateProperties {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.h2());
    }
}
