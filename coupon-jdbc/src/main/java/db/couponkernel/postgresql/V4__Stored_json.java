package db.couponkernel.postgresql;

import dev.couponkernel.jdbc.internal.StoredFormUpgrade;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Coupon Kernel schema, version 4, PostgreSQL: stored definitions, events and fraud signals as JSON
 * ({@link StoredFormUpgrade}). Flyway finds it beside the SQL versions in this location; hosts without
 * Flyway get it from {@code SchemaInstaller}. Stateless.
 */
public final class V4__Stored_json extends BaseJavaMigration {

    /** Called by Flyway. */
    public V4__Stored_json() {}

    @Override
    public void migrate(Context context) throws Exception {
        StoredFormUpgrade.run(context.getConnection(), true);
    }
}
