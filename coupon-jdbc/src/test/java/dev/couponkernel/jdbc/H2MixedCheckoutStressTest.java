package dev.couponkernel.jdbc;

import javax.sql.DataSource;

class H2MixedCheckoutStressTest extends MixedCheckoutStressChecks {
    @Override
    DataSource database() {
        return Databases.h2Memory();
    }
}
