package dev.couponkernel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops constraints by the names the database gave them (the version-1 scripts left most of them
 * unnamed, and H2 and PostgreSQL name them differently), and finds a table's foreign keys by what they
 * are. Used by the Java schema versions that drop a constraint. Stateless.
 */
final class Constraints {

    private Constraints() {}

    /**
     * Drops constraints of a table by name.
     *
     * @param c a connection in the migration's transaction
     * @param table the table
     * @param names the constraints' names as the database reports them
     * @throws SQLException on a database error
     */
    static void drop(Connection c, String table, List<String> names) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(name));
            }
        }
    }

    /**
     * Drops every foreign key of a table.
     *
     * @param c a connection in the migration's transaction
     * @param postgres whether the database is PostgreSQL (else H2)
     * @param table the table, in lower case
     * @throws SQLException on a database error
     */
    static void dropForeignKeys(Connection c, boolean postgres, String table) throws SQLException {
        drop(c, table, foreignKeys(c, postgres, table));
    }

    /** The names of a table's foreign keys. */
    private static List<String> foreignKeys(Connection c, boolean postgres, String table) throws SQLException {
        String sql = postgres
                ? "SELECT conname FROM pg_constraint WHERE conrelid = CAST(? AS regclass) AND contype = 'f'"
                : "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                        + " AND TABLE_NAME = UPPER(?) AND CONSTRAINT_TYPE = 'FOREIGN KEY'";
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
