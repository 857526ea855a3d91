package dev.couponkernel.jdbc;

import javax.sql.DataSource;

class H2FlashSaleStressTest extends FlashSaleStressChecks {
    @Override
    DataSource database() {
        return Databases.h2Memory();
    }
}
