package dev.couponkernel.jdbc;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Read models equal their rebuild on PostgreSQL; the histories share one database, so each check covers all before it. */
class PostgresReadModelRebuildProperties extends ReadModelRebuildChecks {

    private static JdbcCouponStorage shared;

    @Override
    synchronized JdbcCouponStorage storage() {
        if (shared == null) {
            shared = JdbcCouponStorage.on(Databases.postgres());
        }
        return shared;
    }

    @Override
    @Property(tries = 15)
    public void maintainedReadModelsEqualTheRebuiltOnes(@ForAll("histories") List<Step> history) {
        super.maintainedReadModelsEqualTheRebuiltOnes(history);
    }
}
