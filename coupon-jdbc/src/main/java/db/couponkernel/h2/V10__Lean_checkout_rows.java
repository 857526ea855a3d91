package db.couponkernel.h2;

import dev.couponkernel.jdbc.internal.LeanCheckoutRows;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Coupon Kernel schema, version 10, H2: fewer checks and index entries per checkout
 * ({@link LeanCheckoutRows}). Flyway finds it beside the other versions in this location;
 * hosts without Flyway get it from {@code SchemaInstaller}. Stateless.
 */
public final class V10__Lean_checkout_rows extends BaseJavaMigration {

    /** Called by Flyway. */
    public V10__Lean_checkout_rows() {}

    @Override
    public void migrate(Context context) throws Exception {
        LeanCheckoutRows.run(context.getConnection(), false);
    }
}
