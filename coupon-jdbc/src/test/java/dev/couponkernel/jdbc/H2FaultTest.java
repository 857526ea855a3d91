package dev.couponkernel.jdbc;

import javax.sql.DataSource;

/** Faults injected into H2: connections closed mid-transaction, statement time-outs, relays cut. */
class H2FaultTest extends FaultChecks {

    @Override
    DataSource database() {
        return Databases.h2Memory();
    }
}
