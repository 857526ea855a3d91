package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.EventOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Table {@code coupon_outbox}: events written in their change's transaction, pending until marked
 * published. Thread-safe.
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
                    events.add(new EventEnvelope(rs.getString("event_id"), rs.getLong("seq"), Sql.instant(rs, "recorded_at"),
                            Codecs.decodeEvent(rs.getString("event_type"), rs.getString("payload"))));
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
        Instant now = Instant.now();
        tx.run(c -> {
            for (String id : eventIds) {
                Sql.update(c, "UPDATE coupon_outbox SET published_at = ? WHERE event_id = ? AND published_at IS NULL", now, id);
            }
            return null;
        }, false);
    }
}
