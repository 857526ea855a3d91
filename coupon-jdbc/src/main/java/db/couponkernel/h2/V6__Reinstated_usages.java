package db.couponkernel.h2;

import dev.couponkernel.jdbc.internal.ReinstatedUsages;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Coupon Kernel schema, version 6, H2: a redeemed usage may be reinstated when its order is
 * cancelled ({@link ReinstatedUsages}). Flyway finds it beside the other versions in this location;
 * hosts without Flyway get it from {@code SchemaInstaller}. Stateless.
 */
public final class V6__Reinstated_usages extends BaseJavaMigration {

    /** Called by Flyway. */
    public V6__Reinstated_usages() {}

    @Override
    public void migrate(Context context) throws Exception {
        ReinstatedUsages.run(context.getConnection(), false);
    }
}
