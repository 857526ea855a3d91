package dev.couponkernel.jpa;

import static dev.couponkernel.jdbc.internal.Sql.micros;

import dev.couponkernel.jpa.entity.CodeBatchRow;
import dev.couponkernel.jpa.entity.CodeRow;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.jpa.internal.Writes;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.error.ConflictException;
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
import jakarta.persistence.EntityManager;
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
 * Campaigns' unique codes on Jakarta Persistence, in coupon-jdbc's tables {@code coupon_code} and
 * {@code coupon_code_batch}. A batch is one unit of work; codes are taken from the source, looked up
 * and persisted in chunks of {@value CodeRules#CHUNK} (each chunk flushed and detached, so memory
 * stays flat in the count). Thread-safe.
 */
public final class JpaCodeStore implements CodeStore {

    private static final String COLUMNS = "SELECT k.code, k.couponId, k.batchId, k.createdAt, k.used, k.redeemed,"
            + " k.lastLockedAt, k.lastRedeemedAt, k.voidedAt FROM CkCode k";
    /** {@link #COLUMNS} with the order a code was added in, by which an export pages. */
    private static final String EXPORT_COLUMNS = COLUMNS.replace(" FROM", ", k.seq FROM");

    private final JpaTx tx;

    JpaCodeStore(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public CodeBatch addCodes(CouponId couponId, String batchId, CodeSource source, Instant at, Actor actor) {
        Checks.notNull(couponId, "couponId");
        CodeBatch.checkId(batchId);
        Checks.notNull(source, "source");
        Instant when = micros(Checks.instant(at, "at"));
        Checks.notNull(actor, "actor");
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            return tx.run(em -> {
                if (ran.getAndSet(true)) {
                    // run again after a lost race, it would take the source's next codes, not those rolled back
                    throw new ConflictException("the transaction of batch " + batchId + " lost a race with another writer;"
                            + " nothing was stored, run the batch again");
                }
                return add(em, couponId, batchId, source, when, actor);
            }, false);
        } catch (dev.couponkernel.spi.error.InvalidInputException | NotFoundException refused) {
            throw refused;
        } catch (RuntimeException e) {
            // a concurrent call with the same batch id that committed first: its batch is the answer
            Optional<CodeBatch> stored = batch(batchId);
            if (stored.isPresent()) {
                return CodeRules.replay(stored.get(), couponId);
            }
            throw e;
        }
    }

    private static CodeBatch add(EntityManager em, CouponId couponId, String batchId, CodeSource source, Instant at, Actor actor) {
        List<Object[]> coupon = em.createQuery("SELECT c.code, c.uniqueCodes FROM CkCoupon c WHERE c.id = :id", Object[].class)
                .setParameter("id", couponId.value()).getResultList();
        if (coupon.isEmpty()) {
            throw new NotFoundException("no coupon " + couponId);
        }
        CouponCode name = CouponCode.parse((String) coupon.get(0)[0]);
        CodeRules.requireCampaign(couponId, name, (Boolean) coupon.get(0)[1] ? CodeMode.UNIQUE : CodeMode.SHARED);
        Optional<CodeBatch> before = batch(em, batchId);
        if (before.isPresent()) {
            return CodeRules.replay(before.get(), couponId);
        }
        // the batch row first: a concurrent call with the same id waits on its key, then fails and replays
        Writes.insert(em, new CodeBatchRow(batchId, couponId.value(), 0, at));
        long added = 0;
        for (List<CouponCode> distinct = CodeRules.nextChunk(source); !distinct.isEmpty();
                distinct = CodeRules.nextChunk(source)) {
            Set<CouponCode> taken = taken(em, distinct);
            List<CodeRow> rows = new ArrayList<>(distinct.size());
            for (CouponCode code : distinct) {
                if (taken.contains(code)) {
                    source.taken(code);
                } else {
                    rows.add(new CodeRow(code.value(), couponId.value(), batchId, at));
                }
            }
            CodeRules.checkCount(added + rows.size());
            Writes.insert(em, rows.toArray());
            added += rows.size();
        }
        em.createQuery("UPDATE CkCodeBatch b SET b.added = :added WHERE b.batchId = :id").setParameter("added", added)
                .setParameter("id", batchId).executeUpdate();
        Writes.record(em, new CouponCodesAdded(couponId, name, at, actor, batchId, added));
        return new CodeBatch(batchId, couponId, added, at, false);
    }

    private static Set<CouponCode> taken(EntityManager em, Collection<CouponCode> codes) {
        Set<CouponCode> taken = new TreeSet<>();
        if (codes.isEmpty()) {
            return taken;
        }
        for (String code : em.createQuery("SELECT k.code FROM CkCode k WHERE k.code IN :codes", String.class)
                .setParameter("codes", codes.stream().map(CouponCode::value).toList()).getResultList()) {
            taken.add(CouponCode.parse(code));
        }
        return taken;
    }

    @Override
    public Optional<CodeBatch> batch(String batchId) {
        CodeBatch.checkId(batchId);
        return tx.run(em -> batch(em, batchId), false);
    }

    private static Optional<CodeBatch> batch(EntityManager em, String batchId) {
        return em.createQuery("SELECT b.couponId, b.added, b.createdAt FROM CkCodeBatch b WHERE b.batchId = :id", Object[].class)
                .setParameter("id", batchId).getResultList().stream()
                .map(r -> new CodeBatch(batchId, CouponId.of((String) r[0]), (Long) r[1], (Instant) r[2], false)).findFirst();
    }

    @Override
    public Optional<CodeRecord> find(CouponCode code) {
        Checks.notNull(code, "code");
        return tx.run(em -> find(em, code), false);
    }

    private static Optional<CodeRecord> find(EntityManager em, CouponCode code) {
        return em.createQuery(COLUMNS + " WHERE k.code = :code AND k.batchId IS NOT NULL", Object[].class)
                .setParameter("code", code.value()).getResultList().stream().map(JpaCodeStore::read).findFirst();
    }

    private static CodeRecord read(Object[] r) {
        return new CodeRecord(CouponCode.parse((String) r[0]), CouponId.of((String) r[1]), (String) r[2], (Instant) r[3],
                (Long) r[4], (Long) r[5], (Instant) r[6], (Instant) r[7], (Instant) r[8]);
    }

    @Override
    public Set<CouponCode> taken(Collection<CouponCode> codes) {
        CodeRules.checkAsked(codes);
        List<CouponCode> asked = List.copyOf(new LinkedHashSet<>(codes));
        return tx.run(em -> taken(em, asked), false);
    }

    @Override
    public CodeRecord voidCode(CouponCode code, String reason, Instant at, Actor actor) {
        Checks.notNull(code, "code");
        Checks.text(reason, "reason", 512);
        Instant when = micros(Checks.instant(at, "at"));
        Checks.notNull(actor, "actor");
        return tx.run(em -> {
            CodeRecord row = find(em, code).orElseThrow(() -> new NotFoundException("no campaign holds code " + code));
            // the coupon's counter row, as a lock takes it: a void and a lock are ordered
            Writes.forUpdate(em, "SELECT k.used FROM CkCounter k WHERE k.couponId = :id", Long.class)
                    .setParameter("id", row.couponId().value()).getResultList();
            CodeRecord now = find(em, code).orElseThrow();
            if (now.voidedAt() != null) {
                return now;
            }
            em.createQuery("UPDATE CkCode k SET k.voidedAt = :at WHERE k.code = :code").setParameter("at", when)
                    .setParameter("code", code.value()).executeUpdate();
            Writes.record(em, new CouponCodeVoided(now.couponId(), code, when, actor, reason));
            return find(em, code).orElseThrow();
        }, false);
    }

    @Override
    public long export(CouponId couponId, Consumer<CodeRecord> sink) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(sink, "sink");
        // page after page in the order added, each after the last code given to the sink (a retried unit
        // of work goes on from there); columns, not entities, so nothing stays in the persistence context
        long[] last = {0};
        long[] n = {0};
        tx.run(em -> {
            while (true) {
                List<Object[]> page = em.createQuery(EXPORT_COLUMNS + " WHERE k.couponId = :coupon"
                        + " AND k.batchId IS NOT NULL AND k.seq > :after ORDER BY k.seq", Object[].class)
                        .setParameter("coupon", couponId.value()).setParameter("after", last[0]).setMaxResults(CodeRules.CHUNK)
                        .getResultList();
                for (Object[] r : page) {
                    sink.accept(read(r));
                    last[0] = ((Number) r[9]).longValue();
                    n[0]++;
                }
                if (page.size() < CodeRules.CHUNK) {
                    return null;
                }
            }
        }, false);
        return n[0];
    }

    @Override
    public long count(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(em -> em.createQuery("SELECT COUNT(k) FROM CkCode k WHERE k.couponId = :coupon AND k.batchId IS NOT NULL",
                Long.class).setParameter("coupon", couponId.value()).getSingleResult(), false);
    }
}
