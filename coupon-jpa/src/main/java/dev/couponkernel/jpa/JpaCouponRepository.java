package dev.couponkernel.jpa;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.SizeLimits;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jpa.entity.CounterRow;
import dev.couponkernel.jpa.entity.CouponRow;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.jpa.internal.Writes;
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
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Coupons in table {@code coupon} through entity {@code CkCoupon}, with optimistic versioning: an
 * update names the version it read and a bulk {@code UPDATE ... WHERE version = ?} decides, under the
 * coupon's counter row lock (taken first, as a lock takes it). Each save keeps the read models and
 * appends the audit entry and outbox event in its transaction, as {@code JdbcCouponRepository} does.
 * No validation cache: every lookup reads the database (in the host's transaction when joined, so
 * it sees the host's own uncommitted changes). Thread-safe.
 */
public final class JpaCouponRepository implements CouponRepository {

    private static final String COLUMNS = "SELECT c.id, c.definition, c.status, c.version, c.createdAt, c.updatedAt FROM CkCoupon c";

    private final JpaTx tx;

    JpaCouponRepository(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public CouponRecord save(CouponRecord record, CouponEvent event) {
        Checks.notNull(record, "record");
        Checks.notNull(event, "event");
        if (!event.couponId().equals(record.id())) {
            throw new InvalidInputException("event", "is about coupon " + event.couponId() + ", not " + record.id());
        }
        CouponRecord r = new CouponRecord(record.id(), record.definition(), record.status(), record.version(),
                Sql.micros(record.createdAt()), Sql.micros(record.updatedAt()));
        String text = SizeLimits.definition(r.definition());
        return tx.run(em -> {
            CouponRecord stored = r.version() == 0 ? insert(em, r, text) : update(em, r, text);
            Writes.project(em, stored, r.version() == 0);
            Writes.record(em, event);
            return stored;
        }, false);
    }

    @Override
    public void note(CouponEvent event) {
        CouponEvent.requireNote(event);
        tx.run(em -> {
            List<String> codes = em.createQuery("SELECT c.code FROM CkCoupon c WHERE c.id = :id", String.class)
                    .setParameter("id", event.couponId().value()).getResultList();
            if (codes.isEmpty()) {
                throw new NotFoundException("no coupon " + event.couponId());
            }
            if (!codes.get(0).equals(event.code().value())) {
                throw new InvalidInputException("event", "names code " + event.code() + " but coupon "
                        + event.couponId() + " has code " + codes.get(0));
            }
            Writes.record(em, event);
            return null;
        }, false);
    }

    private static CouponRecord insert(EntityManager em, CouponRecord r, String text) {
        if (find(em, "id", r.id().value()).isPresent()) {
            throw new ConflictException("coupon id " + r.id() + " is taken");
        }
        Optional<CouponRecord> holder = find(em, "code", r.definition().code().value());
        boolean unique = r.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.UNIQUE;
        if (holder.isEmpty() && !unique) {
            holder = byTypedCode(em, r.definition().code());
        }
        if (holder.isPresent()) {
            throw new ConflictException("code " + r.definition().code() + " is taken by coupon " + holder.get().id());
        }
        CouponDefinition d = r.definition();
        // the counter row exists from the start, with the definition's limits (one transaction: the ledger
        // never misses a coupon's limits); a lock and a status change both lock it, which orders them
        Writes.insert(em, new CouponRow(r.id().value(), d.code().value(), r.status().name(), d.discount().type().name(),
                        d.validity().validFrom(), d.validity().validUntil(), maxTotal(d), maxPerUser(d), text, 1L,
                        r.createdAt(), r.updatedAt()).withUniqueCodes(unique),
                new CounterRow(r.id().value(), maxTotal(d), maxPerUser(d), 0).withMaxUsesPerCode(
                        d.limits().maxUsesPerCode().isPresent() ? d.limits().maxUsesPerCode().getAsLong() : null));
        if (!unique) {
            // the shared code in the one namespace of typed codes: a campaign's code is refused by its key
            Writes.insert(em, new dev.couponkernel.jpa.entity.CodeRow(d.code().value(), r.id().value(), null, r.createdAt()));
        }
        Writes.insertBudgets(em, r.id(), dev.couponkernel.spi.ledger.LedgerRules.budgetRows(d.limits(), java.util.Map.of()));
        return new CouponRecord(r.id(), d, r.status(), 1, r.createdAt(), r.updatedAt());
    }

    private static CouponRecord update(EntityManager em, CouponRecord r, String text) {
        // the counter row first, as a lock takes it before anything of the coupon's: this waits for the
        // locks of this coupon in flight, and a lock that starts later sees the new status
        Writes.forUpdate(em, "SELECT k.used FROM CkCounter k WHERE k.couponId = :id", Long.class)
                .setParameter("id", r.id().value()).getResultList();
        List<Object[]> rows = Writes.forUpdate(em, COLUMNS + " WHERE c.id = :id", Object[].class)
                .setParameter("id", r.id().value()).getResultList();
        CouponRecord current = rows.stream().map(JpaCouponRepository::read).findFirst()
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
        int n = em.createQuery("UPDATE CkCoupon c SET c.status = :status, c.discountType = :type, c.validFrom = :from,"
                        + " c.validUntil = :until, c.maxTotalUses = :total, c.maxUsesPerUser = :perUser, c.definition = :definition,"
                        + " c.version = c.version + 1, c.updatedAt = :updated WHERE c.id = :id AND c.version = :version")
                .setParameter("status", r.status().name()).setParameter("type", d.discount().type().name())
                .setParameter("from", d.validity().validFrom()).setParameter("until", d.validity().validUntil())
                .setParameter("total", maxTotal(d)).setParameter("perUser", maxPerUser(d)).setParameter("definition", text)
                .setParameter("updated", r.updatedAt()).setParameter("id", r.id().value()).setParameter("version", r.version())
                .executeUpdate();
        if (n != 1) {
            throw new ConflictException("coupon " + r.id() + " changed concurrently");
        }
        return new CouponRecord(r.id(), d, r.status(), r.version() + 1, current.createdAt(), r.updatedAt());
    }

    private static Long maxTotal(CouponDefinition d) {
        return d.limits().maxTotalUses().isPresent() ? d.limits().maxTotalUses().getAsLong() : null;
    }

    private static Long maxPerUser(CouponDefinition d) {
        return d.limits().maxUsesPerUser().isPresent() ? d.limits().maxUsesPerUser().getAsLong() : null;
    }

    private static Optional<CouponRecord> find(EntityManager em, String attribute, String value) {
        return em.createQuery(COLUMNS + " WHERE c." + attribute + " = :value", Object[].class).setParameter("value", value)
                .getResultList().stream().map(JpaCouponRepository::read).findFirst();
    }

    /** The coupon a customer's code names: a shared code or a campaign's unique code. */
    private static Optional<CouponRecord> byTypedCode(EntityManager em, CouponCode code) {
        return em.createQuery("SELECT c.id, c.definition, c.status, c.version, c.createdAt, c.updatedAt FROM CkCode k, CkCoupon c"
                + " WHERE c.id = k.couponId AND k.code = :code", Object[].class).setParameter("code", code.value())
                .getResultList().stream().map(JpaCouponRepository::read).findFirst();
    }

    private static CouponRecord read(Object[] row) {
        return new CouponRecord(CouponId.of((String) row[0]), Codecs.decodeDefinition((String) row[1]),
                CouponStatus.valueOf((String) row[2]), (Long) row[3], (Instant) row[4], (Instant) row[5]);
    }

    @Override
    public Optional<CouponRecord> findById(CouponId id) {
        Checks.notNull(id, "id");
        return tx.run(em -> find(em, "id", id.value()), false);
    }

    @Override
    public Optional<CouponRecord> findByCode(CouponCode code) {
        Checks.notNull(code, "code");
        return tx.run(em -> byTypedCode(em, code), false);
    }

    @Override
    public dev.couponkernel.spi.store.CouponPage search(dev.couponkernel.spi.store.CouponQuery query) {
        Checks.notNull(query, "query");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!query.text().isEmpty()) {
            // the rule of CouponQuery.matches: the id is the text, or the code contains it
            where.append(" AND (c.id = :text OR c.code LIKE :pattern ESCAPE '!')");
        }
        query.status().ifPresent(s -> where.append(" AND c.status = :status"));
        return tx.run(em -> {
            jakarta.persistence.TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM CkCoupon c" + where, Long.class);
            jakarta.persistence.TypedQuery<Object[]> rows = em.createQuery(COLUMNS + where + " ORDER BY c.code", Object[].class);
            for (jakarta.persistence.TypedQuery<?> q : List.of(count, rows)) {
                if (!query.text().isEmpty()) {
                    q.setParameter("text", query.text());
                    q.setParameter("pattern", query.likePattern());
                }
                query.status().ifPresent(s -> q.setParameter("status", s.name()));
            }
            long total = count.getSingleResult();
            List<CouponRecord> page = query.offset() >= total ? List.of()
                    : rows.setFirstResult((int) query.offset()).setMaxResults(query.size()).getResultList().stream()
                            .map(JpaCouponRepository::read).toList();
            // (read committed: a coupon created between the two reads may make the page one longer than the count)
            return new dev.couponkernel.spi.store.CouponPage(page, Math.max(total, page.isEmpty() ? 0 : query.offset() + page.size()), query);
        }, false);
    }
}
