package dev.couponkernel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema version 4: the stored definitions, events and fraud signals of versions 1 to 3 ({@code
 * key=value} text) rewritten as JSON ({@link Codecs}), and the database told to accept nothing but a
 * JSON object as a definition from then on. Each row is decoded in the old form and encoded in the
 * new one, so what it means is unchanged (an outbox row still {@linkplain
 * dev.couponkernel.spi.store.AuditEntry#describes describes} its audit entry); a row already in JSON
 * is left alone, so running it twice changes nothing. A row the old form cannot read stops the
 * upgrade with its key, and nothing is changed (the caller's transaction rolls back). Flyway runs it
 * as the Java migration {@code V4__Stored_json} in each dialect's location; {@code SchemaInstaller}
 * runs it for hosts without Flyway. Stateless.
 */
public final class StoredFormUpgrade {

    /** The name of the constraint version 4 adds, by which an installed version 4 is recognised. */
    public static final String CONSTRAINT = "coupon_definition_json";

    private static final int BATCH = 500;

    private StoredFormUpgrade() {}

    /**
     * Rewrites the old rows and adds the constraint, on the caller's connection and in its transaction.
     *
     * @param c a connection to a database with schema version 3
     * @param postgres whether the database is PostgreSQL (else H2)
     * @return how many rows were rewritten
     * @throws SQLException if the database fails
     * @throws dev.couponkernel.spi.error.StorageException if a stored row cannot be read in the old form
     */
    public static long run(Connection c, boolean postgres) throws SQLException {
        long rewritten = 0;
        rewritten += rewrite(c, "coupon", "SELECT id, definition FROM coupon WHERE definition NOT LIKE '{%'",
                "UPDATE coupon SET definition = ? WHERE id = ?", rs -> {
                    return new Row(rs.getString(1), Codecs.encode(LegacyFields.definition(rs.getString(2))));
                });
        rewritten += rewrite(c, "outbox row", "SELECT seq, event_type, payload FROM coupon_outbox WHERE payload NOT LIKE '{%'",
                "UPDATE coupon_outbox SET payload = ? WHERE seq = ?", rs -> {
                    return new Row(rs.getLong(1), Codecs.encode(LegacyFields.event(rs.getString(2), rs.getString(3))));
                });
        rewritten += rewrite(c, "attempt", "SELECT seq, signals FROM coupon_attempt WHERE signals NOT LIKE '[%'",
                "UPDATE coupon_attempt SET signals = ? WHERE seq = ?", rs -> {
                    return new Row(rs.getLong(1), Codecs.encodeSignals(LegacyFields.signals(rs.getString(2))));
                });
        try (Statement s = c.createStatement()) {
            s.execute(postgres
                    ? "ALTER TABLE coupon ADD CONSTRAINT " + CONSTRAINT + " CHECK (jsonb_typeof(definition::jsonb) = 'object')"
                    : "ALTER TABLE coupon ADD CONSTRAINT " + CONSTRAINT + " CHECK (definition FORMAT JSON IS JSON OBJECT)");
        }
        return rewritten;
    }

    /** One row's key and its new text. */
    private record Row(Object key, String text) {}

    private interface Recode {
        Row of(ResultSet rs) throws SQLException;
    }

    private static long rewrite(Connection c, String what, String select, String update, Recode recode) throws SQLException {
        long n = 0;
        try (PreparedStatement read = c.prepareStatement(select); PreparedStatement write = c.prepareStatement(update)) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery()) {
                int pending = 0;
                while (rs.next()) {
                    Row row;
                    try {
                        row = recode.of(rs);
                    } catch (RuntimeException e) {
                        throw new dev.couponkernel.spi.error.StorageException("upgrading the stored form to JSON failed at "
                                + what + " " + rs.getString(1) + ": " + e.getMessage(), e);
                    }
                    write.setString(1, row.text());
                    write.setObject(2, row.key());
                    write.addBatch();
                    n++;
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        }
        return n;
    }
}
