package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;
import java.time.Instant;

/**
 * An event as the outbox holds it: with an id consumers deduplicate on (delivery is at least once)
 * and a sequence that orders the events of one store. Immutable and thread-safe.
 *
 * @param eventId unique per event; the same on every redelivery
 * @param sequence increasing in the order the changes were stored
 * @param recordedAt when the change was stored
 * @param event the event
 */
public record EventEnvelope(String eventId, long sequence, Instant recordedAt, CouponEvent event) {

    /**
     * Validates the parts.
     *
     * @param eventId unique per event; the same on every redelivery
     * @param sequence increasing in the order the changes were stored
     * @param recordedAt when the change was stored
     * @param event the event
     */
    public EventEnvelope {
        Checks.text(eventId, "eventId", 64);
        Checks.nonNegative(sequence, "sequence");
        Checks.notNull(recordedAt, "recordedAt");
        Checks.notNull(event, "event");
    }
}
