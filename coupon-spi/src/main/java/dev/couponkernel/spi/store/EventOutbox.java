package dev.couponkernel.spi.store;

import dev.couponkernel.spi.event.EventEnvelope;
import java.util.Collection;
import java.util.List;

/**
 * The events of stored changes, written in the change's own atomic unit and waiting to be published.
 * A relay reads pending events, publishes them, then marks them published; a crash between the two
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
}
