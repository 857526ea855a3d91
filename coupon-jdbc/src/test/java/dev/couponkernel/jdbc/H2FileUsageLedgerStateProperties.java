package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerStateProperties;

/**
 * The JDBC storage on H2File runs the ledger's state machine property, all sequences on one database.
 */
class H2FileUsageLedgerStateProperties extends UsageLedgerStateProperties {

    private static CouponStorage shared;

    @Override
    protected synchronized CouponStorage newStorage() {
        if (shared == null) {
            shared = Databases.storage(Databases.h2File());
        }
        return shared;
    }
}
