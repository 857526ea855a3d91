package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerStateProperties;

/** The JDBC storage on H2Memory runs the ledger's state machine property, all sequences on one database. */
class H2MemoryUsageLedgerStateProperties extends UsageLedgerStateProperties {

    private static CouponStorage shared;

    @Override
    protected synchronized CouponStorage newStorage() {
        if (shared == null) {
            shared = Databases.storage(Databases.h2Memory());
        }
        return shared;
    }
}
