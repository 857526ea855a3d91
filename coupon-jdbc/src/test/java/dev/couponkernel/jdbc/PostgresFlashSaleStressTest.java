package dev.couponkernel.jdbc;

import javax.sql.DataSource;

class PostgresFlashSaleStressTest extends FlashSaleStressChecks {
    @Override
    DataSource database() {
        return Databases.postgres();
    }
}
