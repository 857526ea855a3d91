package dev.couponkernel.jdbc;

import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.testkit.AttemptLogContract;

/** The JDBC attempt log on Postgres runs the whole {@link AttemptLogContract}. */
// tag::attempt-log-contract[]
class PostgresAttemptLogTest extends AttemptLogContract {

    private static JdbcCouponStorage storage;

    @Override
    protected AttemptLog newLog() {
        synchronized (PostgresAttemptLogTest.class) {
            if (storage == null) {
                storage = JdbcCouponStorage.on(Databases.postgres());
            }
            return storage.attempts();
        }
    }
}
// end::attempt-log-contract[]
