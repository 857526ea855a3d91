package dev.couponkernel.jdbc;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Read models equal their rebuild on H2, every history on a fresh database. */
class H2ReadModelRebuildProperties extends ReadModelRebuildChecks {

    @Override
    JdbcCouponStorage storage() {
        return JdbcCouponStorage.on(Databases.h2Memory());
    }

    @Override
    @Property(tries = 60)
    public void maintainedReadModelsEqualTheRebuiltOnes(@ForAll("histories") List<Step> history) {
        super.maintainedReadModelsEqualTheRebuiltOnes(history);
    }
}
