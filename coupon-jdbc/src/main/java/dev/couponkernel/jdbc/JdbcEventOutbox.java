package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.RelayResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Table {@code coupon_outbox}: events written in their change's transaction, pending until marked
 * published, and the relay that publishes them.
 *
 * <p>The relay is safe to run in many threads on many nodes at once. The events of a coupon all fall
 * in one of sixteen partitions (by a hash of the coupon id); a relay claims a partition by locking its
 * {@code coupon_outbox_partition} row with {@code FOR UPDATE SKIP LOCKED}, publishes that partition's
 * oldest pending events in order, marks them published and commits, which frees the partition. So
 * one relay at a time publishes a coupon's events, in the order they were stored, while other relays
 * take other partitions. A relay that dies before its commit leaves its events pending and its claim
 * ends with its connection: the next relay publishes those events again. Thread-safe.
 */
public final class JdbcEventOutbox implements EventOutbox {

    private final Tx tx;

    JdbcEventOutbox(Tx tx) {
        this.tx = tx;
    }

    @Override
    public List<EventEnvelope> pending(int max) {
        Checks.positive(max, "max");
        return tx.run(c -> {
            List<EventEnvelope> events = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, "SELECT seq, event_id, event_type, recorded_at, payload"
                    + " FROM coupon_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?", max);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        }, false);
    }

    @Override
    public void markPublished(Collection<String> eventIds) {
        Checks.notNull(eventIds, "eventIds");
        if (eventIds.isEmpty()) {
            return;
        }
        tx.run(c -> {
            mark(c, eventIds, Instant.now());
            return null;
        }, false);
    }

    private static void mark(Connection c, Collection<String> eventIds, Instant now) throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        // one statement for the batch (a JDBC batch is one execution per row on the server)
        try (PreparedStatement ps = Sql.prepare(c, "UPDATE coupon_outbox SET published_at = ? WHERE event_id = ANY(?)"
                + " AND published_at IS NULL", now, Sql.array("varchar", List.copyOf(eventIds)))) {
            ps.executeUpdate();
        }
    }

    private static EventEnvelope read(ResultSet rs) throws SQLException {
        return new EventEnvelope(rs.getString("event_id"), rs.getLong("seq"), Sql.instant(rs, "recorded_at"),
                Codecs.decodeEvent(rs.getString("event_type"), rs.getString("payload")));
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
                PartitionRun run = tx.run(c -> claimAndPublish(c, publisher, budget, visited), false);
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

    private static final int BATCH = 100;

    /** What one claim of a partition did. */
    private record PartitionRun(int partition, int published, RuntimeException failure) {}

    /** Claims one partition with pending events that this round has not visited, publishes and marks its oldest events. */
    private static PartitionRun claimAndPublish(Connection c, EventPublisher publisher, int budget, Set<Integer> visited)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT p.partition_no FROM coupon_outbox_partition p WHERE EXISTS"
                + " (SELECT 1 FROM coupon_outbox o WHERE o.partition_no = p.partition_no AND o.published_at IS NULL)");
        for (Integer ignored : visited) {
            sql.append(" AND p.partition_no <> ?");
        }
        sql.append(" ORDER BY p.partition_no LIMIT 1 FOR UPDATE SKIP LOCKED");
        int partition;
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), visited.toArray()); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            partition = rs.getInt(1);
        }
        List<EventEnvelope> batch = new ArrayList<>();
        RuntimeException failure = null;
        // the batch's events with the audit entries they name, in one statement (one round trip, not one per event)
        try (PreparedStatement ps = Sql.prepare(c, "SELECT o.seq, o.event_id, o.event_type, o.recorded_at, o.payload, o.audit_pos,"
                + " a.seq AS a_seq, a.coupon_id AS a_coupon_id, a.usage_id AS a_usage_id, a.action AS a_action, a.actor AS a_actor,"
                + " a.reason AS a_reason, a.detail AS a_detail, a.at AS a_at, a.prev_hash AS a_prev_hash, a.hash AS a_hash"
                + " FROM coupon_outbox o LEFT JOIN coupon_audit a ON a.coupon_id = o.coupon_id AND a.chain_pos = o.audit_pos"
                + " WHERE o.partition_no = ? AND o.published_at IS NULL ORDER BY o.seq LIMIT ?", partition, budget);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                EventEnvelope e;
                try {
                    e = read(rs);
                } catch (StorageException unreadable) {
                    // a payload that no longer reads as an event: stop before it, like a failed publish
                    failure = new StorageException("outbox event " + rs.getString("event_id") + " was not published: "
                            + unreadable.getMessage(), unreadable);
                    break;
                }
                RuntimeException tampered = unlessItsAuditEntry(rs, e, Sql.nullableLong(rs, "audit_pos"));
                if (tampered != null) {
                    failure = tampered;
                    break;
                }
                batch.add(e);
            }
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
        mark(c, done, Instant.now());
        return new PartitionRun(partition, done.size(), failure);
    }

    /**
     * Checks an outbox event against the audit entry it names (its coupon's chain position): the
     * entry is covered by the coupon's hash chain, so a payload changed after it was written no
     * longer matches it ({@link AuditEntry#describes}). Returns the refusal, or null when it matches
     * (or the row predates schema version 3 and names no entry).
     */
    private static RuntimeException unlessItsAuditEntry(ResultSet rs, EventEnvelope e, Long auditPos) throws SQLException {
        if (auditPos == null) {
            return null;
        }
        try {
            if (rs.getObject("a_seq") != null && JdbcAuditTrail.entry(rs, "a_").describes(e.event())) {
                return null;
            }
        } catch (IllegalArgumentException | dev.couponkernel.spi.error.InvalidInputException unreadableEntry) {
            // an audit row that no longer reads as an entry cannot vouch for the event either
        }
        return EventOutbox.notItsAuditEntry(e, auditPos);
    }

}
