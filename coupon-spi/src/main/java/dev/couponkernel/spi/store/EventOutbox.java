package dev.couponkernel.spi.store;

import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import java.util.Collection;
import java.util.List;

/**
 * The events of stored changes, written in the change's own atomic unit and waiting to be published.
 * {@link #relay} publishes pending events, then marks them published; a crash between the two
 * publishes them again, so delivery is at least once and consumers deduplicate on {@link
 * EventEnvelope#eventId()}. An event exists only if its change was stored.
 *
 * <p>Implementations must be thread-safe.
 */
public interface EventOutbox {

    /**
     * Returns unpublished events, oldest first.
     *
     * @param max the most to return, at least 1
     * @return the events
     */
    List<EventEnvelope> pending(int max);

    /**
     * Marks events published; unknown or already published ids are ignored.
     *
     * @param eventIds the events
     */
    void markPublished(Collection<String> eventIds);

    /**
     * Publishes pending events through the publisher and marks them published: the relay.
     *
     * <p>The guarantees, which hold however many relays run at once, in one process or on many nodes:
     * <ul>
     *   <li>every event is published at least once, and is not published again once marked;
     *   <li>the events of one coupon are published in the order their changes were stored, and never
     *       two of them at once: an event is handed to the publisher only after the earlier events of
     *       its coupon were published (a relay that dies before marking makes the next one publish
     *       those events again, in the same order);
     *   <li>when the publisher throws, the call stops: the event it was given and the later events of
     *       its coupon stay pending for a later call, and events published before are marked.
     * </ul>
     *
     * @param publisher where events go
     * @param maxEvents the most events to publish in this call, at least 1
     * @return how many were published, and the publisher's failure if one stopped the call
     */
    RelayResult relay(EventPublisher publisher, int maxEvents);

    /**
     * The failure a relay reports, and stops its partition at, for an event whose payload no longer
     * matches the hash-chained audit entry its row names ({@link AuditEntry#describes}): the event is
     * not published, it and the later events of its partition stay pending.
     *
     * @param event the event as stored in the outbox
     * @param auditPos the chain position of the audit entry the row names
     * @return the failure, naming the event, its coupon and the entry
     */
    static dev.couponkernel.spi.error.StorageException notItsAuditEntry(dev.couponkernel.spi.event.EventEnvelope event,
            long auditPos) {
        return new dev.couponkernel.spi.error.StorageException("outbox event " + event.eventId() + " ("
                + event.event().type().wireName() + " of coupon " + event.event().couponId()
                + ") does not match audit entry " + auditPos + " of the coupon's chain: it was changed after it was"
                + " written and is not published; it and the later events of its partition stay pending");
    }
}
