package dev.couponkernel.jpa;

import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads entity {@code CkAudit} (table {@code coupon_audit}), which the other stores append to in
 * their own units of work and nothing updates or deletes. {@link #verify} checks each coupon's hash
 * chain and its head ({@code CkAuditHead}), as {@code JdbcAuditTrail} does. Thread-safe.
 */
public final class JpaAuditTrail implements AuditTrail {

    private final JpaTx tx;

    JpaAuditTrail(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public List<AuditEntry> byCoupon(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(em -> query(em, Trail.COUPON, couponId.value()), false);
    }

    @Override
    public List<AuditEntry> byUsage(UsageId usageId) {
        Checks.notNull(usageId, "usageId");
        return tx.run(em -> query(em, Trail.USAGE, usageId.value()), false);
    }

    /** The newest entry's chain position, through the key {@code (coupon_id, chain_pos)}. */
    @Override
    public long size(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(em -> newest(em, couponId), false);
    }

    /** The newest stored entry's chain position, 0 without entries. */
    private static long newest(EntityManager em, CouponId couponId) {
        Long last = em.createQuery("SELECT MAX(a.chainPos) FROM CkAudit a WHERE a.couponId = :coupon", Long.class)
                .setParameter("coupon", couponId.value()).getSingleResult();
        return last == null ? 0L : last;
    }

    /** A range of chain positions (position p is chain position p + 1), through the key {@code (coupon_id, chain_pos)}. */
    @Override
    public List<AuditEntry> page(CouponId couponId, long from, int max) {
        AuditTrail.checkPage(couponId, from, max);
        return tx.run(em -> read(range(em, couponId, from, AuditTrail.end(from, max))), false);
    }

    /**
     * Checks the coupon's chain entry by entry, then against its head: an entry changed, removed,
     * inserted or reordered is named by its sequence, and entries removed from the end are reported
     * as missing. The head is read first and the entries up to it after, a page of {@value
     * AuditTrail#MAX_PAGE} at a time (as columns, so no entity is kept), so memory stays flat in the
     * trail's length and entries appended meanwhile are not mistaken for a broken chain. One
     * unit of work.
     */
    @Override
    public AuditVerification verify(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return tx.run(em -> {
            List<Object[]> head = em.createQuery("SELECT h.entries, h.lastHash FROM CkAuditHead h WHERE h.couponId = :coupon",
                    Object[].class).setParameter("coupon", couponId.value()).getResultList();
            boolean stored = !em.createQuery("SELECT c.id FROM CkCoupon c WHERE c.id = :coupon", String.class)
                    .setParameter("coupon", couponId.value()).setMaxResults(1).getResultList().isEmpty();
            Long headEntries = head.isEmpty() ? null : (Long) head.get(0)[0];
            String headHash = head.isEmpty() ? AuditChain.GENESIS : (String) head.get(0)[1];
            return AuditChain.verifyInPages(couponId, headEntries, headHash, stored, (from, to, verifier) -> {
                List<Object[]> rows = range(em, couponId, from, to);
                for (Object[] row : rows) {
                    if (!verifier.acceptStored((Long) row[0], () -> entry(row))) {
                        break;
                    }
                }
                return rows.size();
            }, () -> {
                long storedEntries = newest(em, couponId);
                List<Long> now = em.createQuery("SELECT h.entries FROM CkAuditHead h WHERE h.couponId = :coupon", Long.class)
                        .setParameter("coupon", couponId.value()).getResultList();
                return new AuditChain.Tail(storedEntries, now.isEmpty() ? 0 : now.get(0));
            });
        }, false);
    }

    /** A stored row that no longer reads as an entry (a tampered value): verification names it. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int index;
        final long sequence;

        Unreadable(int index, long sequence, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
            this.sequence = sequence;
        }
    }

    /** The columns {@link #entry} reads, in its order. */
    static final String COLUMNS = "SELECT a.seq, a.couponId, a.usageId, a.action, a.actor, a.reason, a.detail, a.at,"
            + " a.prevHash, a.hash FROM CkAudit a";

    /**
     * Reads the entry of a row selected with {@link #COLUMNS}.
     *
     * @throws RuntimeException for a row that no longer reads as an entry
     */
    static AuditEntry entry(Object[] row) {
        String usage = (String) row[2];
        return new AuditEntry((Long) row[0], CouponId.of((String) row[1]), usage == null ? null : UsageId.of(usage),
                AuditAction.valueOf((String) row[3]), Actor.of((String) row[4]), (String) row[5], (String) row[6],
                (Instant) row[7], (String) row[8], (String) row[9]);
    }

    /**
     * The two trails, each read through an index in its order: a coupon's in chain order (the unique
     * key of {@code coupon_id, chain_pos}; the same order as the sequence within one coupon, since
     * entries are numbered under the lock of the coupon's audit head), a usage's by sequence.
     */
    private enum Trail {
        COUPON("couponId", "chainPos"),
        USAGE("usageId", "seq");

        final String attribute;
        final String order;

        Trail(String attribute, String order) {
            this.attribute = attribute;
            this.order = order;
        }
    }

    private static List<AuditEntry> query(EntityManager em, Trail trail, String value) {
        return read(em.createQuery(COLUMNS + " WHERE a." + trail.attribute + " = :value ORDER BY a." + trail.order,
                        Object[].class)
                .setParameter("value", value).getResultList());
    }

    /** A coupon's rows of {@link #COLUMNS} in a range of chain positions (after {@code from}, up to {@code to}), in chain order. */
    private static List<Object[]> range(EntityManager em, CouponId couponId, long from, long to) {
        return em.createQuery(COLUMNS + " WHERE a.couponId = :coupon AND a.chainPos > :from AND a.chainPos <= :to"
                + " ORDER BY a.chainPos", Object[].class)
                .setParameter("coupon", couponId.value()).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** Reads the entries of rows selected with {@link #COLUMNS}. */
    private static List<AuditEntry> read(List<Object[]> rows) {
        List<AuditEntry> entries = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            long seq = (Long) row[0];
            try {
                entries.add(entry(row));
            } catch (RuntimeException e) {
                throw new Unreadable(entries.size(), seq, e);
            }
        }
        return List.copyOf(entries);
    }
}
