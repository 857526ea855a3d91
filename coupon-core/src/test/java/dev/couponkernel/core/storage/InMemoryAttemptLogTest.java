package dev.couponkernel.core.storage;

import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.testkit.AttemptLogContract;

/** The in-memory attempt log runs the whole {@link AttemptLogContract}. */
class InMemoryAttemptLogTest extends AttemptLogContract {

    @Override
    protected AttemptLog newLog() {
        return InMemoryAttemptLog.create();
    }
}
