package dev.couponkernel.jpa;

import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.testkit.AttemptLogContract;

/** The JPA attempt log (Hibernate ORM) on H2 runs the whole {@link AttemptLogContract}, on one shared log. */
class JpaH2AttemptLogTest extends AttemptLogContract {

    private static JpaCouponStorage storage;

    @Override
    protected AttemptLog newLog() {
        synchronized (JpaH2AttemptLogTest.class) {
            if (storage == null) {
                storage = JpaCouponStorage.on(JpaDatabases.h2());
            }
            return storage.attempts();
        }
    }
}
