package dev.couponkernel.jpa;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.RelayResult;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entity {@code CkOutbox} (table {@code coupon_outbox}): events written in their change's unit of
 * work, pending until marked published, and the relay that publishes them.
 *
 * <p>The relay works as {@code JdbcEventOutbox}'s does, and the two can run side by side on one
 * database: it claims one of the sixteen partitions by locking its {@code coupon_outbox_partition}
 * row with a native {@code SELECT ... FOR UPDATE SKIP LOCKED} (JPQL has no way to say it), publishes
 * that partition's oldest pending events in order, marks them and commits. The relay always runs in
 * transactions of its own, never in a host's. Thread-safe.
 */
public final class JpaEventOutbox implements EventOutbox {

    private static final int BATCH = 100;
    private static final String COLUMNS = "SELECT o.seq, o.eventId, o.eventType, o.recordedAt, o.payload, o.auditPos FROM CkOutbox o";

    private final JpaTx tx;

    JpaEventOutbox(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public List<EventEnvelope> pending(int max) {
        Checks.positive(max, "max");
        return tx.run(em -> em.createQuery(COLUMNS + " WHERE o.publishedAt IS NULL ORDER BY o.seq", Object[].class)
                .setMaxResults(max).getResultList().stream().map(JpaEventOutbox::read).toList(), false);
    }

    @Override
    public void markPublished(Collection<String> eventIds) {
        Checks.notNull(eventIds, "eventIds");
        if (eventIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(eventIds);
        tx.run(em -> {
            mark(em, ids, Instant.now());
            return null;
        }, false);
    }

    private static void mark(EntityManager em, List<String> eventIds, Instant now) {
        for (int from = 0; from < eventIds.size(); from += 500) {
            em.createQuery("UPDATE CkOutbox o SET o.publishedAt = :now WHERE o.eventId IN :ids AND o.publishedAt IS NULL")
                    .setParameter("now", Sql.micros(now)).setParameter("ids", eventIds.subList(from, Math.min(eventIds.size(), from + 500)))
                    .executeUpdate();
        }
    }

    private static EventEnvelope read(Object[] row) {
        return new EventEnvelope((String) row[1], (Long) row[0], (Instant) row[3], Codecs.decodeEvent((String) row[2], (String) row[4]));
    }

    @Override
    public RelayResult relay(EventPublisher publisher, int maxEvents) {
        Checks.notNull(publisher, "publisher");
        Checks.positive(maxEvents, "maxEvents");
        int published = 0;
        boolean progressed = true;
        while (progressed && published < maxEvents) {
            // one round visits each claimable partition once, so a busy partition cannot starve the others
            progressed = false;
            Set<Integer> visited = new HashSet<>();
            while (published < maxEvents) {
                int budget = Math.min(BATCH, maxEvents - published);
                PartitionRun run = tx.alone(em -> claimAndPublish(em, publisher, budget, visited));
                if (run == null) {
                    break;
                }
                visited.add(run.partition());
                published += run.published();
                progressed |= run.published() > 0;
                if (run.failure() != null) {
                    return RelayResult.failed(published, run.failure());
                }
            }
        }
        return RelayResult.of(published);
    }

    /** What one claim of a partition did. */
    private record PartitionRun(int partition, int published, RuntimeException failure) {}

    private static PartitionRun claimAndPublish(EntityManager em, EventPublisher publisher, int budget, Set<Integer> visited) {
        StringBuilder sql = new StringBuilder("SELECT p.partition_no FROM coupon_outbox_partition p WHERE EXISTS"
                + " (SELECT 1 FROM coupon_outbox o WHERE o.partition_no = p.partition_no AND o.published_at IS NULL)");
        int n = 0;
        for (Integer ignored : visited) {
            sql.append(" AND p.partition_no <> ?").append(++n);
        }
        sql.append(" ORDER BY p.partition_no LIMIT 1 FOR UPDATE SKIP LOCKED");
        var claim = em.createNativeQuery(sql.toString());
        n = 0;
        for (Integer p : visited) {
            claim.setParameter(++n, p);
        }
        List<?> claimed = claim.getResultList();
        if (claimed.isEmpty()) {
            return null;
        }
        int partition = ((Number) claimed.get(0)).intValue();
        List<Object[]> rows = em.createQuery(COLUMNS + " WHERE o.partitionNo = :partition AND o.publishedAt IS NULL"
                        + " ORDER BY o.seq", Object[].class).setParameter("partition", partition).setMaxResults(budget)
                .getResultList();
        List<EventEnvelope> read = new ArrayList<>(rows.size());
        List<Long> positions = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        for (Object[] row : rows) {
            try {
                read.add(read(row));
            } catch (StorageException unreadable) {
                failure = new StorageException("outbox event " + row[1] + " was not published: " + unreadable.getMessage(),
                        unreadable);
                break;
            }
            positions.add((Long) row[5]);
        }
        Map<String, Map<Long, Object[]>> entries = auditEntries(em, read, positions);
        List<EventEnvelope> batch = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            EventEnvelope e = read.get(i);
            RuntimeException tampered = unlessItsAuditEntry(entries, e, positions.get(i));
            if (tampered != null) {
                failure = tampered;
                break;
            }
            batch.add(e);
        }
        List<String> done = new ArrayList<>(batch.size());
        for (EventEnvelope e : batch) {
            try {
                publisher.publish(e);
            } catch (RuntimeException publishFailed) {
                failure = publishFailed;
                break;
            }
            done.add(e.eventId());
        }
        if (!done.isEmpty()) {
            mark(em, done, Instant.now());
        }
        return new PartitionRun(partition, done.size(), failure);
    }

    /**
     * The audit entries a batch's events name, by coupon and chain position: one query per coupon in
     * the batch (a hot coupon's batch is one query), not one per event.
     */
    private static Map<String, Map<Long, Object[]>> auditEntries(EntityManager em, List<EventEnvelope> events,
            List<Long> positions) {
        Map<String, List<Long>> wanted = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (positions.get(i) != null) {
                wanted.computeIfAbsent(events.get(i).event().couponId().value(), k -> new ArrayList<>()).add(positions.get(i));
            }
        }
        Map<String, Map<Long, Object[]>> entries = new HashMap<>();
        for (Map.Entry<String, List<Long>> coupon : wanted.entrySet()) {
            List<Object[]> found = em.createQuery("SELECT a.chainPos, " + JpaAuditTrail.COLUMNS.substring("SELECT ".length())
                    + " WHERE a.couponId = :coupon AND a.chainPos IN :positions", Object[].class)
                    .setParameter("coupon", coupon.getKey()).setParameter("positions", coupon.getValue()).getResultList();
            Map<Long, Object[]> byPosition = new HashMap<>();
            for (Object[] row : found) {
                byPosition.put(((Number) row[0]).longValue(), Arrays.copyOfRange(row, 1, row.length));
            }
            entries.put(coupon.getKey(), byPosition);
        }
        return entries;
    }

    /**
     * Checks an outbox event against the audit entry it names, as coupon-jdbc's relay does ({@link
     * AuditEntry#describes}); null when it matches or names none (a row from before schema version 3).
     */
    private static RuntimeException unlessItsAuditEntry(Map<String, Map<Long, Object[]>> entries, EventEnvelope e,
            Long auditPos) {
        if (auditPos == null) {
            return null;
        }
        Object[] found = entries.getOrDefault(e.event().couponId().value(), Map.of()).get(auditPos);
        try {
            if (found != null && JpaAuditTrail.entry(found).describes(e.event())) {
                return null;
            }
        } catch (IllegalArgumentException | dev.couponkernel.spi.error.InvalidInputException unreadableEntry) {
            // an audit row that no longer reads as an entry cannot vouch for the event either
        }
        return EventOutbox.notItsAuditEntry(e, auditPos);
    }
}
