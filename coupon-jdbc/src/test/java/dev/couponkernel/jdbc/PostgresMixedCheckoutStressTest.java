package dev.couponkernel.jdbc;

import javax.sql.DataSource;

class PostgresMixedCheckoutStressTest extends MixedCheckoutStressChecks {
    @Override
    DataSource database() {
        return Databases.postgres();
    }
}
