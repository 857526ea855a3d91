package dev.couponkernel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema version 5: a discount kind is a name the application validates, not a list the schema
 * fixes. Version 1 checked {@code coupon.discount_type IN ('PERCENT', 'FIXED', 'SHIPPING')}, so
 * every new kind (and any kind a host defines) needed a migration. This drops that check, whatever
 * name the database gave it, widens {@code discount_type} (and its copy in {@code
 * coupon_active_code}) to 64 characters, and adds the named constraint {@value #CONSTRAINT}: a kind
 * is an upper-case name ({@code PERCENT}, {@code TIERED}, {@code HOST_GIFT_CARD}). Rows are kept as
 * they are. Run by Flyway ({@code db.couponkernel.<dialect>.V5__Open_discount_kinds}) and by
 * {@code SchemaInstaller}, inside their transaction. Stateless.
 */
public final class OpenDiscountKinds {

    /** The constraint version 5 adds, by which an installed version 5 is recognised. */
    public static final String CONSTRAINT = "coupon_discount_type_name";

    private OpenDiscountKinds() {}

    /**
     * @param c a connection in the migration's transaction
     * @param postgres whether the database is PostgreSQL (else H2)
     * @throws SQLException on a database error
     */
    public static void run(Connection c, boolean postgres) throws SQLException {
        Constraints.drop(c, "coupon", discountTypeChecks(c, postgres));
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("ALTER TABLE coupon ALTER COLUMN discount_type TYPE VARCHAR(64)");
                s.execute("ALTER TABLE coupon_active_code ALTER COLUMN discount_type TYPE VARCHAR(64)");
                s.execute("ALTER TABLE coupon ADD CONSTRAINT " + CONSTRAINT
                        + " CHECK (discount_type ~ '^[A-Z][A-Z0-9_]{0,63}$')");
            } else {
                s.execute("ALTER TABLE coupon ALTER COLUMN discount_type SET DATA TYPE VARCHAR(64)");
                s.execute("ALTER TABLE coupon_active_code ALTER COLUMN discount_type SET DATA TYPE VARCHAR(64)");
                s.execute("ALTER TABLE coupon ADD CONSTRAINT " + CONSTRAINT
                        + " CHECK (REGEXP_LIKE(discount_type, '^[A-Z][A-Z0-9_]{0,63}$'))");
            }
        }
    }

    /** The check constraints of table {@code coupon} that name {@code discount_type}, other than version 5's. */
    private static List<String> discountTypeChecks(Connection c, boolean postgres) throws SQLException {
        String sql = postgres
                ? "SELECT conname FROM pg_constraint WHERE conrelid = 'coupon'::regclass AND contype = 'c'"
                        + " AND pg_get_constraintdef(oid) LIKE '%discount_type%'"
                : "SELECT tc.CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
                        + " JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                        + " AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                        + " WHERE tc.TABLE_SCHEMA = CURRENT_SCHEMA AND tc.TABLE_NAME = 'COUPON' AND tc.CONSTRAINT_TYPE = 'CHECK'"
                        + " AND UPPER(cc.CHECK_CLAUSE) LIKE '%DISCOUNT_TYPE%'";
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!name.equalsIgnoreCase(CONSTRAINT)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

}
