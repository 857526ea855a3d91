package dev.couponkernel.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Schema version 10: fewer checks and index entries per checkout. Every lock inserts a usage row, and
 * a customer's first lock of a coupon inserts their counter and read-model rows; each of these tables
 * tied its row to {@code coupon} by a foreign key, which PostgreSQL checks with a trigger per inserted
 * row (a lookup of the coupon and a share lock on it) and H2 with a lookup. The ledger writes these
 * rows only for a coupon whose counter row it holds locked in the same transaction (the counter keeps
 * its foreign key, and is written when the coupon is), and coupons are never deleted, so the check
 * proves nothing the transaction has not; the consistency check reports any row naming a coupon that
 * does not exist. This drops the foreign keys of {@code coupon_usage}, {@code coupon_user_counter} and
 * {@code coupon_user_usage}, whatever names the database gave them, and the index {@code
 * coupon_audit_coupon (coupon_id, seq)}: a coupon's trail is read in chain order through the unique
 * key {@code (coupon_id, chain_pos)} that every entry already maintains (within one coupon the two
 * orders are the same: entries are numbered under the lock of the coupon's audit head), so each audit
 * entry, two per checkout, maintains three indexes instead of four. The check {@value #CONSTRAINT} (a
 * usage names a coupon) comes last; an installed version 10 is recognised by it. Rows are kept as they
 * are. Run by Flyway ({@code db.couponkernel.<dialect>.V10__Lean_checkout_rows}) and by {@code
 * SchemaInstaller}, inside their transaction. Stateless.
 */
public final class LeanCheckoutRows {

    /** The constraint version 10 adds last, by which an installed version 10 is recognised. */
    public static final String CONSTRAINT = "coupon_usage_coupon";

    /**
     * The tables whose foreign keys to {@code coupon} version 10 drops: the rows a checkout inserts. The
     * consistency check looks in each for rows naming a coupon that does not exist.
     */
    public static final List<String> UNCHECKED_TABLES = List.of("coupon_usage", "coupon_user_counter", "coupon_user_usage");

    private LeanCheckoutRows() {}

    /**
     * @param c a connection in the migration's transaction
     * @param postgres whether the database is PostgreSQL (else H2)
     * @throws SQLException on a database error
     */
    public static void run(Connection c, boolean postgres) throws SQLException {
        for (String table : UNCHECKED_TABLES) {
            Constraints.dropForeignKeys(c, postgres, table);
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX coupon_audit_coupon");
            s.execute("ALTER TABLE coupon_usage ADD CONSTRAINT " + CONSTRAINT + " CHECK (coupon_id <> '')");
        }
    }
}
