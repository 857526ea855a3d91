package dev.couponkernel.jdbc;

import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.testkit.AttemptLogContract;

/** The JDBC attempt log on H2Memory runs the whole {@link AttemptLogContract}. */
class H2MemoryAttemptLogTest extends AttemptLogContract {

    private static JdbcCouponStorage storage;

    @Override
    protected AttemptLog newLog() {
        synchronized (H2MemoryAttemptLogTest.class) {
            if (storage == null) {
                storage = JdbcCouponStorage.on(Databases.h2Memory());
            }
            return storage.attempts();
        }
    }
}
