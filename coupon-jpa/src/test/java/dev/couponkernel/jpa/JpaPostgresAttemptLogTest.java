package dev.couponkernel.jpa;

import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.testkit.AttemptLogContract;

/** The JPA attempt log (Hibernate ORM) on Postgres runs the whole {@link AttemptLogContract}, on one shared log. */
class JpaPostgresAttemptLogTest extends AttemptLogContract {

    private static JpaCouponStorage storage;

    @Override
    protected AttemptLog newLog() {
        synchronized (JpaPostgresAttemptLogTest.class) {
            if (storage == null) {
                storage = JpaCouponStorage.on(JpaDatabases.postgres());
            }
            return storage.attempts();
        }
    }
}
