package dev.couponkernel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Schema version 6: a redeemed usage may be reinstated when its order is cancelled. Version 1 fixed
 * the usage statuses to three and tied the order id to REDEEMED alone, in checks the database named
 * itself. This drops those two checks, whatever names they were given, and adds named ones: the four
 * statuses ({@value #STATUS_CONSTRAINT}), an order id exactly for REDEEMED and REINSTATED usages
 * ({@value #ORDER_CONSTRAINT}), and the new column {@code coupon_usage.reinstated_at}, set exactly
 * for REINSTATED usages and never before the redeem ({@value #CONSTRAINT}). The per-customer read
 * model gains the count {@code coupon_user_usage.reinstated} (0 for every existing row). Rows are kept
 * as they are. Run by Flyway ({@code db.couponkernel.<dialect>.V6__Reinstated_usages}) and by {@code
 * SchemaInstaller}, inside their transaction. Stateless.
 */
public final class ReinstatedUsages {

    /** The constraint version 6 adds last, by which an installed version 6 is recognised. */
    public static final String CONSTRAINT = "coupon_usage_reinstated";
    /** The check of the four usage statuses. */
    public static final String STATUS_CONSTRAINT = "coupon_usage_status";
    /** The check that a usage has an order id exactly when REDEEMED or REINSTATED. */
    public static final String ORDER_CONSTRAINT = "coupon_usage_order";

    private ReinstatedUsages() {}

    /**
     * @param c a connection in the migration's transaction
     * @param postgres whether the database is PostgreSQL (else H2)
     * @throws SQLException on a database error
     */
    public static void run(Connection c, boolean postgres) throws SQLException {
        Constraints.drop(c, "coupon_usage", replacedChecks(c, postgres));
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE coupon_usage ADD COLUMN reinstated_at TIMESTAMP WITH TIME ZONE");
            s.execute("ALTER TABLE coupon_usage ADD CONSTRAINT " + STATUS_CONSTRAINT
                    + " CHECK (status IN ('LOCKED', 'REDEEMED', 'RELEASED', 'REINSTATED'))");
            s.execute("ALTER TABLE coupon_usage ADD CONSTRAINT " + ORDER_CONSTRAINT
                    + " CHECK ((status IN ('REDEEMED', 'REINSTATED') AND order_id IS NOT NULL)"
                    + " OR (status NOT IN ('REDEEMED', 'REINSTATED') AND order_id IS NULL))");
            s.execute("ALTER TABLE coupon_usage ADD CONSTRAINT " + CONSTRAINT
                    + " CHECK ((status = 'REINSTATED' AND reinstated_at IS NOT NULL AND reinstated_at >= closed_at)"
                    + " OR (status <> 'REINSTATED' AND reinstated_at IS NULL))");
            s.execute("ALTER TABLE coupon_user_usage ADD COLUMN reinstated BIGINT DEFAULT 0 NOT NULL");
            s.execute("ALTER TABLE coupon_user_usage ADD CONSTRAINT coupon_user_usage_reinstated CHECK (reinstated >= 0)");
        }
    }

    /**
     * The checks of table {@code coupon_usage} version 6 replaces: the one naming {@code order_id} and
     * the one listing the statuses (it names all three).
     */
    private static List<String> replacedChecks(Connection c, boolean postgres) throws SQLException {
        String sql = postgres
                ? "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'coupon_usage'::regclass"
                        + " AND contype = 'c'"
                : "SELECT tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
                        + " JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                        + " AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                        + " WHERE tc.TABLE_SCHEMA = CURRENT_SCHEMA AND tc.TABLE_NAME = 'COUPON_USAGE' AND tc.CONSTRAINT_TYPE = 'CHECK'";
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                String clause = rs.getString(2).toUpperCase(Locale.ROOT);
                boolean order = clause.contains("ORDER_ID");
                boolean statuses = clause.contains("'LOCKED'") && clause.contains("'REDEEMED'") && clause.contains("'RELEASED'");
                if ((order || statuses) && !name.equalsIgnoreCase(STATUS_CONSTRAINT) && !name.equalsIgnoreCase(ORDER_CONSTRAINT)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

}
