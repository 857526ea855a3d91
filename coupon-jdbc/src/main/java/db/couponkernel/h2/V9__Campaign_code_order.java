package db.couponkernel.h2;

import dev.couponkernel.jdbc.internal.CampaignCodeOrder;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Coupon Kernel schema, version 9, H2: a campaign's codes kept in the order they were added
 * ({@link CampaignCodeOrder}). Flyway finds it beside the other versions in this location;
 * hosts without Flyway get it from {@code SchemaInstaller}. Stateless.
 */
public final class V9__Campaign_code_order extends BaseJavaMigration {

    /** Called by Flyway. */
    public V9__Campaign_code_order() {}

    @Override
    public void migrate(Context context) throws Exception {
        CampaignCodeOrder.run(context.getConnection(), false);
    }
}
