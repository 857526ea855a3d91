package db.couponkernel.postgresql;

import dev.couponkernel.jdbc.internal.OpenDiscountKinds;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Coupon Kernel schema, version 5, PostgreSQL: discount kinds are names the application validates, no
 * longer a list in a check constraint ({@link OpenDiscountKinds}). Flyway finds it beside the SQL
 * versions in this location; hosts without Flyway get it from {@code SchemaInstaller}. Stateless.
 */
public final class V5__Open_discount_kinds extends BaseJavaMigration {

    /** Called by Flyway. */
    public V5__Open_discount_kinds() {}

    @Override
    public void migrate(Context context) throws Exception {
        OpenDiscountKinds.run(context.getConnection(), true);
    }
}
