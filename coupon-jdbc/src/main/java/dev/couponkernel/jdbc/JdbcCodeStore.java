package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponCodeVoided;
import dev.couponkernel.spi.event.CouponCodesAdded;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.store.CodeRules;
import dev.couponkernel.spi.store.CodeSource;
import dev.couponkernel.spi.store.CodeStore;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Campaigns' unique codes in table {@code coupon_code}, whose primary key is the one namespace of
 * every code a customer can type (a coupon of one shared code has its row there too, without a
 * batch), and their batches in {@code coupon_code_batch}. A batch is one transaction: codes are taken
 * from the source and written in chunks of {@value CodeRules#CHUNK} (one look-up of the chunk's taken
 * codes, one multi-row insert), so memory stays flat in the count. Thread-safe.
 */
public final class JdbcCodeStore implements CodeStore {

    private static final String COLUMNS = "code, coupon_id, batch_id, created_at, used, redeemed, last_locked_at,"
            + " last_redeemed_at, voided_at";

    private final Tx tx;
    private final boolean postgres;

    JdbcCodeStore(Tx tx, boolean postgres) {
        this.tx = tx;
        this.postgres = postgres;
    }

    @Override
    public CodeBatch addCodes(CouponId couponId, String batchId, CodeSource source, Instant at, Actor actor) {
        Checks.notNull(couponId, "couponId");
        CodeBatch.checkId(batchId);
        Checks.notNull(source, "source");
        Instant when = Sql.micros(Checks.instant(at, "at"));
        Checks.notNull(actor, "actor");
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            return tx.run(c -> {
                if (ran.getAndSet(true)) {
                    // a transaction run again after a lost race would take the source's next codes, not the
                    // ones rolled back: the caller runs the batch again instead
                    throw new ConflictException("the transaction of batch " + batchId + " lost a race with another writer;"
                            + " nothing was stored, run the batch again");
                }
                return add(c, couponId, batchId, source, when, actor);
            }, false);
        } catch (ConflictException | InvalidInputException | NotFoundException refused) {
            throw refused;
        } catch (RuntimeException e) {
            // a concurrent call with the same batch id, which committed first: its batch is the answer
            Optional<CodeBatch> stored = batch(batchId);
            if (stored.isPresent()) {
                return CodeRules.replay(stored.get(), couponId);
            }
            if (isUniqueViolation(e)) {
                throw new ConflictException("a code of batch " + batchId + " was stored by another writer meanwhile;"
                        + " nothing was stored, run the batch again", e);
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && Tx.isUniqueViolation(s)) {
                return true;
            }
        }
        return false;
    }

    private CodeBatch add(Connection c, CouponId couponId, String batchId, CodeSource source, Instant at, Actor actor)
            throws SQLException {
        CouponCode name;
        try (PreparedStatement ps = prepare(c, "SELECT code, unique_codes FROM coupon WHERE id = ?", couponId.value());
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new NotFoundException("no coupon " + couponId);
            }
            name = CouponCode.parse(rs.getString(1));
            CodeRules.requireCampaign(couponId, name, rs.getBoolean(2) ? CodeMode.UNIQUE : CodeMode.SHARED);
        }
        Optional<CodeBatch> before = batch(c, batchId);
        if (before.isPresent()) {
            return CodeRules.replay(before.get(), couponId);
        }
        // the batch row first: a concurrent call with the same id waits on its key, then fails and replays
        update(c, "INSERT INTO coupon_code_batch (batch_id, coupon_id, added, created_at) VALUES (?, ?, 0, ?)", batchId,
                couponId.value(), at);
        long added = 0;
        for (List<CouponCode> distinct = CodeRules.nextChunk(source); !distinct.isEmpty();
                distinct = CodeRules.nextChunk(source)) {
            Set<String> stored = insert(c, couponId, batchId, at, distinct);
            for (CouponCode code : distinct) {
                if (!stored.contains(code.value())) {
                    source.taken(code);
                }
            }
            added += stored.size();
            CodeRules.checkCount(added); // more than a batch may hold: thrown, so the transaction stores nothing
        }
        update(c, "UPDATE coupon_code_batch SET added = ? WHERE batch_id = ?", added, batchId);
        Sql.record(c, new CouponCodesAdded(couponId, name, at, actor, batchId, added));
        return new CodeBatch(batchId, couponId, added, at, false);
    }

    /**
     * Stores the codes of a chunk that no coupon holds yet, in the chunk's order (their {@code seq}
     * follows it), in one statement.
     *
     * @return the codes stored
     */
    private Set<String> insert(Connection c, CouponId couponId, String batchId, Instant at, List<CouponCode> codes)
            throws SQLException {
        Set<String> stored = new java.util.HashSet<>(codes.size() * 2);
        if (postgres) {
            // the codes as one array parameter; a code held already (or committed meanwhile by another
            // writer, whose commit this waits for) is skipped, and the codes stored come back
            try (PreparedStatement ps = prepare(c, "INSERT INTO coupon_code (code, coupon_id, batch_id, created_at)"
                    + " SELECT v.code, ?, ?, ? FROM unnest(?::varchar[]) WITH ORDINALITY AS v(code, n) ORDER BY v.n"
                    + " ON CONFLICT (code) DO NOTHING RETURNING code", couponId.value(), batchId, at,
                    Sql.array("varchar", codes.stream().map(CouponCode::value).toList())); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            return stored;
        }
        // H2: the chunk as one multi-row statement (H2 runs a JDBC batch as one statement per row), tried
        // as it is, since a code held already is rare; a failed statement is undone by H2 alone (the
        // transaction goes on), and then the chunk is stored without the codes found held
        try {
            insertValues(c, couponId, batchId, at, codes);
            codes.forEach(code -> stored.add(code.value()));
            return stored;
        } catch (SQLException e) {
            if (!Tx.isUniqueViolation(e)) {
                throw e;
            }
        }
        Set<CouponCode> taken = taken(c, codes);
        List<CouponCode> free = new ArrayList<>(codes.size());
        for (CouponCode code : codes) {
            if (!taken.contains(code)) {
                free.add(code);
                stored.add(code.value());
            }
        }
        insertValues(c, couponId, batchId, at, free);
        return stored;
    }

    /** One multi-row insert of the codes, the columns they share bound once. */
    private static void insertValues(Connection c, CouponId couponId, String batchId, Instant at, List<CouponCode> codes)
            throws SQLException {
        if (codes.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(80 + 5 * codes.size()).append("INSERT INTO coupon_code (code, coupon_id, batch_id,"
                + " created_at) SELECT v.code, CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE)"
                + " FROM (VALUES ");
        Object[] params = new Object[codes.size() + 3];
        params[0] = couponId.value();
        params[1] = batchId;
        params[2] = at;
        for (int i = 0; i < codes.size(); i++) {
            sql.append(i == 0 ? "(?)" : ", (?)");
            params[i + 3] = codes.get(i).value();
        }
        update(c, sql.append(") AS v(code)").toString(), params);
    }

    private Set<CouponCode> taken(Connection c, Collection<CouponCode> codes) throws SQLException {
        Set<CouponCode> taken = new TreeSet<>();
        if (codes.isEmpty()) {
            return taken;
        }
        List<String> values = codes.stream().map(CouponCode::value).toList();
        String sql;
        Object[] params;
        if (postgres) {
            sql = "SELECT code FROM coupon_code WHERE code = ANY(?::varchar[])";
            params = new Object[] {Sql.array("varchar", values)};
        } else {
            sql = "SELECT code FROM coupon_code WHERE code IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?"))
                    + ")";
            params = values.toArray();
        }
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                taken.add(CouponCode.parse(rs.getString(1)));
            }
        }
        return taken;
    }

    @Override
    public Optional<CodeBatch> batch(String batchId) {
        CodeBatch.checkId(batchId);
        return tx.run(c -> batch(c, batchId), false);
    }

    private static Optional<CodeBatch> batch(Connection c, String batchId) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT coupon_id, added, created_at FROM coupon_code_batch WHERE batch_id = ?",
                batchId); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new CodeBatch(batchId, CouponId.of(rs.getString(1)), rs.getLong(2),
                    Sql.instant(rs, "created_at"), false)) : Optional.empty();
        }
    }

    @Override
    public Optional<CodeRecord> find(CouponCode code) {
        Checks.notNull(code, "code");
        return tx.run(c -> find(c, code, false), false);
    }

    private static Optional<CodeRecord> find(Connection c, CouponCode code, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM coupon_code WHERE code = ? AND batch_id IS NOT NULL"
                + (forUpdate ? " FOR UPDATE" : ""), code.value()); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** A row of {@link #COLUMNS}, read by position. */
    private static CodeRecord read(ResultSet rs) throws SQLException {
        return read(rs, CouponId.of(rs.getString(2)));
    }

    /** A row of {@link #COLUMNS} of a coupon known already (an export's). */
    private static CodeRecord read(ResultSet rs, CouponId couponId) throws SQLException {
        return new CodeRecord(new CouponCode(rs.getString(1)), couponId, rs.getString(3), Sql.instant(rs, 4), rs.getLong(5),
                rs.getLong(6), Sql.instant(rs, 7), Sql.instant(rs, 8), Sql.instant(rs, 9));
    }

    @Override
    public Set<CouponCode> taken(Collection<CouponCode> codes) {
        CodeRules.checkAsked(codes);
        List<CouponCode> asked = List.copyOf(new LinkedHashSet<>(codes));
        return tx.run(c -> taken(c, asked), false);
    }

    @Override
    public CodeRecord voidCode(CouponCode code, String reason, Instant at, Actor actor) {
        Checks.notNull(code, "code");
        Checks.text(reason, "reason", 512);
        Instant when = Sql.micros(Checks.instant(at, "at"));
        Checks.notNull(actor, "actor");
        return tx.run(c -> {
            CodeRecord row = find(c, code, false).orElseThrow(() -> new NotFoundException("no campaign holds code " + code));
            // the coupon's counter row, as a lock takes it: a void and a lock are ordered
            try (PreparedStatement ps = prepare(c, "SELECT used FROM coupon_counter WHERE coupon_id = ? FOR UPDATE",
                    row.couponId().value()); ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            CodeRecord now = find(c, code, true).orElseThrow();
            if (now.voidedAt() != null) {
                return now;
            }
            update(c, "UPDATE coupon_code SET voided_at = ? WHERE code = ?", when, code.value());
            Sql.record(c, new CouponCodeVoided(now.couponId(), code, when, actor, reason));
            return find(c, code, false).orElseThrow();
        }, false);
    }

    @Override
    public long export(CouponId couponId, Consumer<CodeRecord> sink) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(sink, "sink");
        // after the last code given to the sink: a transaction run again after a lost race goes on from there
        long[] last = {0};
        long[] n = {0};
        tx.run(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + ", seq FROM coupon_code WHERE coupon_id = ?"
                    + " AND batch_id IS NOT NULL AND seq > ? ORDER BY seq", couponId.value(), last[0])) {
                ps.setFetchSize(CodeRules.CHUNK); // a cursor on PostgreSQL (in this transaction): rows come in chunks
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(read(rs, couponId));
                        last[0] = rs.getLong(10);
                        n[0]++;
                    }
                }
            }
            return null;
        }, false);
        return n[0];
    }

    @Override
    public long count(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM coupon_code WHERE coupon_id = ? AND batch_id IS NOT NULL",
                    couponId.value()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }, false);
    }
}
