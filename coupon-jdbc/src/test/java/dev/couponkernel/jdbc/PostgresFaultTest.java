package dev.couponkernel.jdbc;

import javax.sql.DataSource;

/** Faults injected into PostgreSQL: server processes terminated mid-transaction, statement time-outs, relays cut. */
class PostgresFaultTest extends FaultChecks {

    @Override
    DataSource database() {
        return Databases.postgres();
    }
}
