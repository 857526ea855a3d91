package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.bigint;
import static dev.couponkernel.jdbc.internal.Sql.micros;
import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.timestamp;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.SizeLimits;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Coupons in table {@code coupon}, with optimistic versioning by a conditional update on the version
 * column. Each save also keeps the read models {@code coupon_active_code} and {@code coupon_seller}
 * in its transaction (see {@link JdbcReadModels}).
 *
 * <p>{@link #findByCode} is served from a validation cache when one is configured ({@link
 * JdbcCouponStorage.Builder#validationCacheTtl}): a save through this repository invalidates the
 * code at once; a change made through another instance (another node) is seen when the entry's
 * time-to-live ends. A stale entry cannot let a checkout use a disabled coupon: the ledger's lock
 * reads the coupon's status in its own transaction. Thread-safe.
 */
public final class JdbcCouponRepository implements CouponRepository {

    private static final String COLUMNS =
            "id, code, status, definition, version, created_at, updated_at";
    private static final String PREFIXED =
            "k.id, k.code, k.status, k.definition, k.version, k.created_at, k.updated_at";

    private final Tx tx;
    private final CouponCache cache;

    JdbcCouponRepository(Tx tx, CouponCache cache) {
        this.tx = tx;
        this.cache = cache;
    }

    @Override
    public CouponRecord save(CouponRecord record, CouponEvent event) {
        Checks.notNull(record, "record");
        Checks.notNull(event, "event");
        if (!event.couponId().equals(record.id())) {
            throw new InvalidInputException("event", "is about coupon " + event.couponId() + ", not " + record.id());
        }
        CouponRecord r = new CouponRecord(record.id(), record.definition(), record.status(), record.version(),
                micros(record.createdAt()), micros(record.updatedAt()));
        String text = SizeLimits.definition(r.definition());
        try {
            return tx.run(c -> {
                CouponRecord stored = r.version() == 0 ? insert(c, r, text) : updateExisting(c, r, text);
                JdbcReadModels.project(c, stored, r.version() == 0);
                Sql.record(c, event);
                return stored;
            }, false);
        } finally {
            if (r.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.UNIQUE) {
                cache.invalidateCoupon(r.id()); // cached under each of its unique codes
            } else {
                cache.invalidate(r.definition().code());
            }
        }
    }

    @Override
    public void note(CouponEvent event) {
        CouponEvent.requireNote(event);
        tx.run(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT code FROM coupon WHERE id = ?", event.couponId().value());
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no coupon " + event.couponId());
                }
                if (!rs.getString(1).equals(event.code().value())) {
                    throw new InvalidInputException("event", "names code " + event.code() + " but coupon "
                            + event.couponId() + " has code " + rs.getString(1));
                }
            }
            Sql.record(c, event);
            return null;
        }, false);
    }

    private CouponRecord insert(Connection c, CouponRecord r, String text) throws SQLException {
        if (find(c, "id", r.id().value()).isPresent()) {
            throw new ConflictException("coupon id " + r.id() + " is taken");
        }
        Optional<CouponRecord> holder = find(c, "code", r.definition().code().value());
        if (holder.isEmpty() && r.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.SHARED) {
            holder = byTypedCode(c, r.definition().code());
        }
        if (holder.isPresent()) {
            throw new ConflictException("code " + r.definition().code() + " is taken by coupon " + holder.get().id());
        }
        CouponRecord stored = new CouponRecord(r.id(), r.definition(), r.status(), 1, r.createdAt(), r.updatedAt());
        CouponDefinition d = r.definition();
        try {
            boolean unique = d.codes() == dev.couponkernel.spi.coupon.CodeMode.UNIQUE;
            update(c, "INSERT INTO coupon (id, code, status, discount_type, valid_from, valid_until, max_total_uses,"
                            + " max_uses_per_user, definition, version, created_at, updated_at"
                            + (unique ? ", unique_codes" : "") + ")"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (unique ? ", TRUE" : "") + ")",
                    r.id().value(), d.code().value(), r.status().name(), d.discount().type().name(),
                    d.validity().validFrom(), timestamp(d.validity().validUntil()),
                    bigint(d.limits().maxTotalUses().isPresent() ? d.limits().maxTotalUses().getAsLong() : null),
                    bigint(d.limits().maxUsesPerUser().isPresent() ? d.limits().maxUsesPerUser().getAsLong() : null),
                    text, 1L, r.createdAt(), r.updatedAt());
            // the counter row exists from the start, with the definition's limits (one transaction: the
            // ledger never misses a coupon's limits); a lock and a status change both lock it, which orders them
            update(c, "INSERT INTO coupon_counter (coupon_id, max_total_uses, max_uses_per_user, used"
                            + (unique ? ", max_uses_per_code" : "") + ") VALUES (?, ?, ?, 0" + (unique ? ", ?" : "") + ")",
                    unique ? new Object[] {r.id().value(), limit(d.limits().maxTotalUses()), limit(d.limits().maxUsesPerUser()),
                        limit(d.limits().maxUsesPerCode())}
                            : new Object[] {r.id().value(), limit(d.limits().maxTotalUses()), limit(d.limits().maxUsesPerUser())});
            if (!unique) {
                // the shared code in the one namespace of typed codes: a campaign's code is refused by its key
                // (version 8 copied the codes of the coupons stored before it)
                update(c, "INSERT INTO coupon_code (code, coupon_id, created_at) VALUES (?, ?, ?)", d.code().value(), r.id().value(),
                        r.createdAt());
            }
            BudgetRows.insert(c, r.id(), dev.couponkernel.spi.ledger.LedgerRules.budgetRows(d.limits(), java.util.Map.of()));
        } catch (SQLException e) {
            if (Tx.isUniqueViolation(e)) {
                throw new ConflictException("coupon id " + r.id() + " or code " + d.code() + " was taken concurrently");
            }
            throw e;
        }
        return stored;
    }

    private CouponRecord updateExisting(Connection c, CouponRecord r, String text) throws SQLException {
        // The counter row first, as a lock takes it before anything of the coupon's: this waits for the
        // locks of this coupon in flight, and a lock that starts later sees the new status. (Taking the
        // coupon row first would deadlock with a lock's foreign-key check on it.)
        try (PreparedStatement ps = prepare(c, "SELECT used FROM coupon_counter WHERE coupon_id = ? FOR UPDATE", r.id().value());
                ResultSet rs = ps.executeQuery()) {
            rs.next(); // (H2 does not lock a row an UPDATE leaves unchanged; FOR UPDATE locks it on both databases)
        }
        CouponRecord current = findForUpdate(c, r.id())
                .orElseThrow(() -> new NotFoundException("no coupon " + r.id() + " to update"));
        if (!current.definition().code().equals(r.definition().code())) {
            throw new ConflictException("the code of coupon " + r.id() + " cannot change");
        }
        if (current.definition().codes() != r.definition().codes()) {
            throw new ConflictException("the code mode of coupon " + r.id() + " cannot change");
        }
        if (current.version() != r.version()) {
            throw new ConflictException("coupon " + r.id() + " was read at version " + r.version()
                    + " but is stored at version " + current.version());
        }
        CouponDefinition d = r.definition();
        int n = update(c, "UPDATE coupon SET status = ?, discount_type = ?, valid_from = ?, valid_until = ?,"
                        + " max_total_uses = ?, max_uses_per_user = ?, definition = ?, version = version + 1, updated_at = ?"
                        + " WHERE id = ? AND version = ?",
                r.status().name(), d.discount().type().name(), d.validity().validFrom(), timestamp(d.validity().validUntil()),
                bigint(d.limits().maxTotalUses().isPresent() ? d.limits().maxTotalUses().getAsLong() : null),
                bigint(d.limits().maxUsesPerUser().isPresent() ? d.limits().maxUsesPerUser().getAsLong() : null),
                text, r.updatedAt(), r.id().value(), r.version());
        if (n != 1) {
            throw new ConflictException("coupon " + r.id() + " changed concurrently");
        }

        return new CouponRecord(r.id(), d, r.status(), r.version() + 1, current.createdAt(), r.updatedAt());
    }

    private Optional<CouponRecord> findForUpdate(Connection c, CouponId id) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM coupon WHERE id = ? FOR UPDATE", id.value());
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Optional<CouponRecord> find(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM coupon WHERE " + column + " = ?", value);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Object limit(java.util.OptionalLong l) {
        return bigint(l.isPresent() ? l.getAsLong() : null);
    }

    /** The coupon a customer's code names: a shared code or a campaign's unique code, one indexed read. */
    private static Optional<CouponRecord> byTypedCode(Connection c, CouponCode code) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT " + PREFIXED + " FROM coupon_code t JOIN coupon k ON k.id = t.coupon_id"
                + " WHERE t.code = ?", code.value()); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static CouponRecord read(ResultSet rs) throws SQLException {
        return new CouponRecord(CouponId.of(rs.getString("id")), Codecs.decodeDefinition(rs.getString("definition")),
                CouponStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    @Override
    public dev.couponkernel.spi.store.CouponPage search(dev.couponkernel.spi.store.CouponQuery query) {
        Checks.notNull(query, "query");
        java.util.List<Object> params = new java.util.ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!query.text().isEmpty()) {
            // the rule of CouponQuery.matches: the id is the text, or the code contains it
            where.append(" AND (id = ? OR code LIKE ? ESCAPE '!')");
            params.add(query.text());
            params.add(query.likePattern());
        }
        query.status().ifPresent(s -> {
            where.append(" AND status = ?");
            params.add(s.name());
        });
        Object[] bound = params.toArray();
        return tx.run(c -> {
            long total;
            try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM coupon" + where, bound); ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            java.util.List<CouponRecord> page = new java.util.ArrayList<>();
            if (query.offset() < total) {
                try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM coupon" + where + " ORDER BY code LIMIT "
                        + query.size() + " OFFSET " + query.offset(), bound); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(read(rs));
                    }
                }
            }
            // (read committed: a coupon created between the two reads may make the page one longer than the count)
            return new dev.couponkernel.spi.store.CouponPage(page, Math.max(total, page.isEmpty() ? 0 : query.offset() + page.size()), query);
        }, false);
    }

    @Override
    public Optional<CouponRecord> findById(CouponId id) {
        Checks.notNull(id, "id");
        return tx.run(c -> find(c, "id", id.value()), false);
    }

    @Override
    public Optional<CouponRecord> findByCode(CouponCode code) {
        Checks.notNull(code, "code");
        if (tx.joining()) {
            // the host's transaction may have changed the coupon, or may yet roll back what it reads
            return tx.run(c -> byTypedCode(c, code), false);
        }
        Optional<CouponRecord> cached = cache.get(code);
        if (cached.isPresent()) {
            return cached;
        }
        long beforeLoad = cache.beforeLoad();
        Optional<CouponRecord> found = tx.run(c -> byTypedCode(c, code), false);
        found.ifPresent(record -> cache.put(code, record, beforeLoad));
        return found;
    }
}
