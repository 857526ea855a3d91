package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.CampaignCodeOrder;
import dev.couponkernel.jdbc.internal.LeanCheckoutRows;
import dev.couponkernel.jdbc.internal.OpenDiscountKinds;
import dev.couponkernel.jdbc.internal.ReinstatedUsages;
import dev.couponkernel.jdbc.internal.StoredFormUpgrade;
import dev.couponkernel.spi.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates the storage's tables for hosts that do not run Flyway. It runs the same versions
 * Flyway would ({@link Dialect#migrations()}): the versions whose tables (columns, or for versions 4
 * to 6, 9 and 10 the constraint) are missing, in order: the SQL scripts, version 4's rewrite of the stored form
 * to JSON, version 5's opening of the discount kinds, version 6's reinstated usages, version 7's budgets,
 * version 8's campaign codes, version 9's order of a campaign's codes and version 10's leaner checkout
 * rows; nothing when all are
 * there. Stateless and thread-safe; run it once at start-up.
 */
public final class SchemaInstaller {

    /**
     * Each version's script (null for the Java versions 4 to 6, 9 and 10) and what it adds, by which an installed
     * version is recognised: a table, a column of a table (null for a whole table), or a constraint
     * (null for a table or a column).
     */
    private record Version(String script, String table, String column, String constraint) {}

    private static final List<Version> VERSIONS = List.of(
            new Version("V1__coupon_kernel.sql", "coupon", null, null),
            new Version("V2__attempt_log.sql", "coupon_attempt", null, null),
            new Version("V3__suspension_and_outbox_link.sql", "coupon_outbox", "audit_pos", null),
            new Version(null, null, null, StoredFormUpgrade.CONSTRAINT),
            new Version(null, null, null, OpenDiscountKinds.CONSTRAINT),
            new Version(null, null, null, ReinstatedUsages.CONSTRAINT),
            new Version("V7__budgets.sql", "coupon_budget", null, null),
            new Version("V8__campaign_codes.sql", "coupon_code", null, null),
            new Version(null, null, null, CampaignCodeOrder.CONSTRAINT),
            new Version(null, null, null, LeanCheckoutRows.CONSTRAINT));

    private SchemaInstaller() {}

    /**
     * Installs the versions of the schema that are not there yet, in order, in one transaction. Safe
     * when several nodes start at once: on PostgreSQL the installs take turns on an advisory lock held
     * to the end of the transaction, and each decides what is missing only once it holds the lock, so
     * one node installs and the others find the schema there; on H2 the installs of one process take
     * turns (several processes on one H2 server database run Flyway, which locks its history table).
     *
     * @param dataSource the database
     * @return whether anything was installed now
     * @throws StorageException if a script fails
     */
    public static boolean install(DataSource dataSource) {
        Dialect dialect = Dialect.of(dataSource);
        if (dialect == Dialect.POSTGRESQL) {
            return installSerialized(dataSource, dialect);
        }
        // H2 commits each DDL statement at once, so a transaction cannot make an install atomic for
        // others: installs in this process take turns (several processes on one H2 server run Flyway)
        synchronized (H2_INSTALLS) {
            return installSerialized(dataSource, dialect);
        }
    }

    /** What H2 installs in this process take turns on. */
    private static final Object H2_INSTALLS = new Object();

    /**
     * The key of the PostgreSQL advisory lock that installs take turns on, held to the end of the
     * installing transaction: a node that waited for it sees what the one before it installed.
     */
    static final long ADVISORY_LOCK = 0x436f75706f6e4bL; // "CouponK"

    private static boolean installSerialized(DataSource dataSource, Dialect dialect) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
                }
                List<Version> missing = new java.util.ArrayList<>();
                for (Version v : VERSIONS) {
                    if (!missing.isEmpty() || !installed(c, v)) {
                        missing.add(v);
                    }
                }
                if (missing.isEmpty()) {
                    c.commit();
                    return false;
                }
                for (Version version : missing) {
                    if (version.script() == null) {
                        // the Java versions, told apart by the constraint each adds
                        boolean postgres = dialect == Dialect.POSTGRESQL;
                        switch (version.constraint()) {
                            case StoredFormUpgrade.CONSTRAINT -> StoredFormUpgrade.run(c, postgres);
                            case OpenDiscountKinds.CONSTRAINT -> OpenDiscountKinds.run(c, postgres);
                            case ReinstatedUsages.CONSTRAINT -> ReinstatedUsages.run(c, postgres);
                            case CampaignCodeOrder.CONSTRAINT -> CampaignCodeOrder.run(c, postgres);
                            case LeanCheckoutRows.CONSTRAINT -> LeanCheckoutRows.run(c, postgres);
                            default -> throw new IllegalStateException("no Java version adds " + version.constraint());
                        }
                        continue;
                    }
                    for (String statement : statements(read(dialect.migrations() + "/" + version.script()))) {
                        s.execute(statement);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return true;
        } catch (SQLException e) {
            throw new StorageException("installing the schema failed: " + e.getMessage(), e);
        }
    }

    private static boolean installed(Connection c, Version v) throws SQLException {
        if (v.constraint() != null) {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM information_schema.table_constraints WHERE LOWER(constraint_name) = ?")) {
                ps.setString(1, v.constraint());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }
        String table = v.table();
        String column = v.column();
        for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
            if (column == null) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE", "BASE TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
                continue;
            }
            for (String col : List.of(column, column.toUpperCase(java.util.Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, name, col)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaInstaller.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StorageException("migration script " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot read " + resource, e);
        }
    }

    /** Splits a script on semicolons outside quotes, dollar-quoted bodies and comments. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuote = false;
        boolean inDollar = false;
        for (int i = 0; i < script.length(); i++) {
            char ch = script.charAt(i);
            if (!inQuote && !inDollar && ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
                continue;
            }
            if (!inDollar && ch == '\'') {
                inQuote = !inQuote;
            } else if (!inQuote && ch == '$' && i + 1 < script.length() && script.charAt(i + 1) == '$') {
                inDollar = !inDollar;
                current.append("$$");
                i++;
                continue;
            }
            if (ch == ';' && !inQuote && !inDollar) {
                String statement = current.toString().strip();
                if (!statement.isEmpty()) {
                    result.add(statement);
                }
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        String tail = current.toString().strip();
        if (!tail.isEmpty() && !tail.toLowerCase(Locale.ROOT).isBlank()) {
            result.add(tail);
        }
        return result;
    }
}
