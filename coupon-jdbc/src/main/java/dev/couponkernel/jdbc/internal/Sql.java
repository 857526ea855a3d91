package dev.couponkernel.jdbc.internal;

import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.value.TimeOrderedId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.couponkernel.spi.internal.Checks;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Small JDBC helpers shared by the stores: parameters, instants, and the audit and outbox writes. Stateless. */
public final class Sql {

    private Sql() {}

    /**
     * Databases keep microseconds: every instant the stores write is cut to them first, so what a
     * store returns equals what it reads back later.
     *
     * @param instant an instant
     * @return the instant, cut to microseconds
     */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Binds parameters by position: String, Long, Integer, Boolean, Instant, or null as VARCHAR.
     *
     * @param c the connection
     * @param sql the statement
     * @param params the parameters
     * @return the prepared statement
     * @throws SQLException on a database error
     */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, params);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bindOne(ps, i + 1, params[i]);
        }
    }

    private static void bindOne(PreparedStatement ps, int position, Object p) throws SQLException {
        if (p instanceof ArrayParam a) {
            ps.setArray(position, ps.getConnection().createArrayOf(a.type().equals("timestamptz") ? "varchar" : a.type(), a.values()));
        } else if (p == null) {
            ps.setNull(position, Types.VARCHAR);
        } else if (p instanceof Instant t) {
            ps.setObject(position, OffsetDateTime.ofInstant(micros(t), ZoneOffset.UTC));
        } else if (p instanceof NullTimestamp) {
            ps.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (p instanceof NullLong) {
            ps.setNull(position, Types.BIGINT);
        } else if (p instanceof Long l) {
            ps.setLong(position, l);
        } else if (p instanceof Integer n) {
            ps.setInt(position, n);
        } else if (p instanceof Boolean b) {
            ps.setBoolean(position, b);
        } else {
            ps.setString(position, p.toString());
        }
    }

    /** A typed null for a timestamp parameter. */
    public enum NullTimestamp { INSTANCE }

    /** A typed null for a BIGINT parameter. */
    public enum NullLong { INSTANCE }

    /**
     * @param value an instant or null
     * @return a parameter for a nullable timestamp column
     */
    public static Object timestamp(Instant value) {
        return value == null ? NullTimestamp.INSTANCE : value;
    }

    /**
     * @param value a long or null
     * @return a parameter for a nullable BIGINT column
     */
    public static Object bigint(Long value) {
        return value == null ? NullLong.INSTANCE : value;
    }

    /**
     * @param c the connection
     * @param sql an update
     * @param params its parameters
     * @return the update count
     * @throws SQLException on a database error
     */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /**
     * @param rs a result set on a row
     * @param column a timestamp column
     * @return its instant, or null
     * @throws SQLException on a database error
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * @param rs a result set on a row
     * @param column the position of a timestamp column, from 1
     * @return its instant, or null
     * @throws SQLException on a database error
     */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * @param rs a result set on a row
     * @param column a nullable BIGINT column
     * @return its value, or null
     * @throws SQLException on a database error
     */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * @param rs a result set on a row
     * @param column the position of a nullable BIGINT column, from 1
     * @return its value, or null
     * @throws SQLException on a database error
     */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** How many partitions the outbox has; the relay claims one at a time. */
    public static final int OUTBOX_PARTITIONS = 16;

    /**
     * @param couponId a coupon id
     * @return the outbox partition of the coupon's events; stable across processes and versions
     */
    public static int partition(String couponId) {
        return Math.floorMod(couponId.hashCode(), OUTBOX_PARTITIONS);
    }

    /**
     * Appends the audit entry and the outbox row of a change, in the caller's transaction. It locks the
     * head of the coupon's audit chain first, so the entries and the events of one coupon are written
     * one transaction at a time, in commit order: the chain stays linear and the relay sees a coupon's
     * events in order.
     *
     * @param c the connection, in the change's transaction
     * @param event the change's event
     * @throws SQLException on a database error
     */
    public static void record(Connection c, CouponEvent event) throws SQLException {
        recordAll(c, event.couponId().value(), java.util.List.of(event));
    }

    /**
     * Appends the audit entries and outbox rows of several changes of one coupon, in order, in the
     * caller's transaction: the same rows {@link #record} writes one by one, with the coupon's audit
     * head locked once and the rows sent as JDBC batches.
     *
     * @param c the connection, in the changes' transaction
     * @param couponId the coupon every event is about
     * @param events the events, in the order they happened
     * @throws SQLException on a database error
     */
    public static void recordAll(Connection c, String couponId, java.util.List<CouponEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        AuditHead head = null;
        try (PreparedStatement ps = prepare(c, "SELECT entries, last_hash FROM coupon_audit_head WHERE coupon_id = ? FOR UPDATE",
                couponId); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                head = new AuditHead(rs.getLong(1), rs.getString(2));
            }
        }
        if (head != null && isPostgres(c)) {
            Script script = new Script();
            int appended = append(script, couponId, events, head);
            if ((Integer) script.run(c).get(appended) != 1) {
                throw new StorageException("the audit head of coupon " + couponId + " vanished under its row lock");
            }
            return;
        }
        Rows rows = rows(couponId, events, head == null ? 0 : head.entries(), head == null ? AuditChain.GENESIS : head.lastHash());
        batch(c, "INSERT INTO coupon_audit (coupon_id, usage_id, action, actor, reason, detail, at, chain_pos, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.audit);
        if (head == null) {
            // only a coupon's creation writes its first entry, and its coupon row insert serializes creators
            update(c, "INSERT INTO coupon_audit_head (coupon_id, entries, last_hash) VALUES (?, ?, ?)", couponId, rows.entries,
                    rows.lastHash);
        } else {
            update(c, "UPDATE coupon_audit_head SET entries = ?, last_hash = ? WHERE coupon_id = ?", rows.entries, rows.lastHash,
                    couponId);
        }
        batch(c, "INSERT INTO coupon_outbox (event_id, event_type, coupon_id, partition_no, recorded_at, payload, audit_pos)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows.outbox);
    }

    /**
     * The head of a coupon's audit chain as a transaction read it under its row lock.
     *
     * @param entries the entries in the chain
     * @param lastHash the hash of the last one
     */
    public record AuditHead(long entries, String lastHash) {}

    /** The audit and outbox rows of events appended after a head, and the head after them. */
    private record Rows(java.util.List<Object[]> audit, java.util.List<Object[]> outbox, long entries, String lastHash) {}

    private static Rows rows(String couponId, java.util.List<CouponEvent> events, long entries, String previousHash) {
        java.util.List<Object[]> audit = new java.util.ArrayList<>(events.size());
        java.util.List<Object[]> outbox = new java.util.ArrayList<>(events.size());
        for (CouponEvent event : events) {
            if (!event.couponId().value().equals(couponId)) {
                throw new IllegalArgumentException("event of coupon " + event.couponId() + " in a batch of coupon " + couponId);
            }
            AuditEntry entry = AuditEntry.describing(0, event, micros(event.occurredAt()), previousHash);
            entries++;
            audit.add(new Object[] {couponId, entry.usage().map(Object::toString).orElse(null), entry.action().name(),
                entry.actor().name(), entry.reason(), entry.detail(), entry.at(), entries, entry.previousHash(), entry.hash()});
            outbox.add(new Object[] {TimeOrderedId.next(), event.type().wireName(), couponId, partition(couponId),
                event.occurredAt(), Codecs.encode(event), entries});
            previousHash = entry.hash();
        }
        return new Rows(audit, outbox, entries, previousHash);
    }

    /**
     * Adds to a PostgreSQL script the one statement that appends the audit entries and outbox rows of
     * events of one coupon after the head its transaction holds locked, and moves the head: data
     * modifying WITH clauses, the rows read from arrays when there are several, the outbox rows
     * numbered in the events' order.
     *
     * @param script the script of the events' transaction
     * @param couponId the coupon every event is about
     * @param events the events, in the order they happened
     * @param head the coupon's audit head, read under its lock in this transaction
     * @return the index of the statement, whose update count (the head's) is 1
     */
    public static int append(Script script, String couponId, java.util.List<CouponEvent> events, AuditHead head) {
        Rows rows = rows(couponId, events, head.entries(), head.lastHash());
        if (events.size() == 1) {
            Object[] a = rows.audit.get(0);
            Object[] o = rows.outbox.get(0);
            return script.update("WITH audit AS (INSERT INTO coupon_audit (coupon_id, usage_id, action, actor, reason, detail, at,"
                    + " chain_pos, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)),"
                    + " outbox AS (INSERT INTO coupon_outbox (event_id, event_type, coupon_id, partition_no, recorded_at, payload,"
                    + " audit_pos) VALUES (?, ?, ?, ?, ?, ?, ?))"
                    + " UPDATE coupon_audit_head SET entries = ?, last_hash = ? WHERE coupon_id = ?",
                    a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], o[0], o[1], o[2], o[3], o[4], o[5], o[6],
                    rows.entries, rows.lastHash, couponId);
        }
        java.util.List<Object> params = new java.util.ArrayList<>();
        for (int k = 0; k < AUDIT_AND_OUTBOX_TYPES.length; k++) {
            java.util.List<Object> column = new java.util.ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                column.add(k < 10 ? rows.audit.get(i)[k] : rows.outbox.get(i)[k - 10]);
            }
            params.add(array(AUDIT_AND_OUTBOX_TYPES[k], column));
        }
        params.add(rows.entries);
        params.add(rows.lastHash);
        params.add(couponId);
        return script.update("WITH audit AS (INSERT INTO coupon_audit (coupon_id, usage_id, action, actor, reason, detail,"
                + " at, chain_pos, prev_hash, hash) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::int8[], ?::varchar[], ?::varchar[])),"
                + " outbox AS (INSERT INTO coupon_outbox (event_id, event_type, coupon_id, partition_no, recorded_at, payload,"
                + " audit_pos) SELECT e, t, c, p, r, pl, ap FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int4[],"
                + " ?::timestamptz[], ?::text[], ?::int8[]) WITH ORDINALITY AS v(e, t, c, p, r, pl, ap, n) ORDER BY n)"
                + " UPDATE coupon_audit_head SET entries = ?, last_hash = ? WHERE coupon_id = ?", params.toArray());
    }

    private static final String[] AUDIT_AND_OUTBOX_TYPES = {"varchar", "varchar", "varchar", "varchar", "varchar", "varchar",
        "timestamptz", "int8", "varchar", "varchar", "varchar", "varchar", "varchar", "int4", "timestamptz", "text", "int8"};

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /** Timestamps travel as ISO-8601 text (the statement casts them), numbers and text as themselves. */
    private static Object arrayElement(Object p) {
        if (p == null || p instanceof NullTimestamp || p instanceof NullLong) {
            return null;
        }
        if (p instanceof Instant t) {
            return micros(t).toString();
        }
        if (p instanceof Long || p instanceof Integer) {
            return p;
        }
        return p.toString();
    }

    /**
     * Runs one statement for each row of parameters as a JDBC batch (one round trip on drivers
     * that pipeline batches, as pgjdbc does).
     *
     * @param c the connection
     * @param sql the statement
     * @param rows the parameters of each execution, bound as {@link #prepare} binds them
     * @return the update count of each execution; {@link java.sql.Statement#SUCCESS_NO_INFO} where the driver does not say
     * @throws SQLException on a database error
     */
    public static int[] batch(Connection c, String sql, java.util.List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface RowReader<T> {
        /**
         * @param rs a result set on a row
         * @return the row's value
         * @throws SQLException on a database error
         */
        T read(ResultSet rs) throws SQLException;
    }

    /** A PostgreSQL array parameter of a {@link Script}. */
    private record ArrayParam(String type, Object[] values) {}

    /**
     * An array parameter on PostgreSQL, for {@link #prepare}, {@link #update} and a {@link Script}: one
     * value per element (instants as ISO-8601 text cut to microseconds, typed nulls as SQL NULL); the
     * statement casts it ({@code ?::varchar[]}, {@code ?::timestamptz[]}), so column k of many rows
     * travels as one parameter and one statement does the work of a batch.
     *
     * @param type the element type: varchar, text, int8, int4, timestamptz
     * @param values the elements
     * @return the parameter
     */
    public static Object array(String type, java.util.List<?> values) {
        Object[] elements = new Object[values.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = arrayElement(values.get(i));
        }
        return new ArrayParam(type, elements);
    }

    /**
     * Several statements sent to PostgreSQL in one round trip: pgjdbc sends the statements of one
     * prepared multi-statement text together and reads their results after one synchronization, and
     * the server runs them one after the other, each (at READ COMMITTED) with a snapshot taken when it
     * starts, so a statement sees the rows and the locks of the statements before it. A failure in
     * one fails the rest, as in any transaction. Not thread-safe; one per use.
     */
    public static final class Script {
        private final java.util.List<String> statements = new java.util.ArrayList<>();
        private final java.util.List<Object> params = new java.util.ArrayList<>();
        private final java.util.List<RowReader<?>> readers = new java.util.ArrayList<>();

        /**
         * Adds a statement that returns rows.
         *
         * @param sql the statement, without a trailing semicolon
         * @param reader reads each row
         * @param parameters its parameters, bound as {@link #prepare} binds them (arrays from {@link #array})
         * @return the statement's index among the results
         */
        public int query(String sql, RowReader<?> reader, Object... parameters) {
            return add(sql, Checks.notNull(reader, "reader"), parameters);
        }

        /**
         * Adds a statement that changes rows.
         *
         * @param sql the statement, without a trailing semicolon
         * @param parameters its parameters
         * @return the statement's index among the results
         */
        public int update(String sql, Object... parameters) {
            return add(sql, null, parameters);
        }

        private int add(String sql, RowReader<?> reader, Object[] parameters) {
            statements.add(sql);
            readers.add(reader);
            java.util.Collections.addAll(params, parameters);
            return statements.size() - 1;
        }

        /** @return whether nothing was added */
        public boolean isEmpty() {
            return statements.isEmpty();
        }

        /**
         * Runs the statements in one round trip.
         *
         * @param c the connection, to PostgreSQL, in a transaction
         * @return per statement, its rows (a {@code List}) or its update count (an {@code Integer})
         * @throws SQLException on a database error
         */
        public java.util.List<Object> run(Connection c) throws SQLException {
            java.util.List<Object> results = new java.util.ArrayList<>(statements.size());
            if (statements.isEmpty()) {
                return results;
            }
            try (PreparedStatement ps = c.prepareStatement(String.join(";\n", statements))) {
                bind(ps, params.toArray());
                boolean rows = ps.execute();
                for (int k = 0; k < statements.size(); k++) {
                    if (rows) {
                        java.util.List<Object> read = new java.util.ArrayList<>();
                        try (ResultSet rs = ps.getResultSet()) {
                            RowReader<?> reader = readers.get(k);
                            while (rs.next()) {
                                read.add(reader == null ? null : reader.read(rs));
                            }
                        }
                        results.add(read);
                    } else {
                        results.add(ps.getUpdateCount());
                    }
                    rows = ps.getMoreResults();
                }
            }
            return results;
        }
    }
}
