package dev.couponkernel.spi.event;


/**
 * Where the kernel delivers domain events: the host's message broker, log or in-process listeners.
 *
 * <p>The guarantee: an event is published only if its change was stored (it is written to the
 * outbox in the change's atomic unit), and at least once (the relay marks it published only after
 * this method returned; a crash in between publishes it again). Events of one store arrive in the
 * order the changes were stored, except that a redelivery repeats earlier ones. Consumers
 * deduplicate on {@link EventEnvelope#eventId()}.
 *
 * <p>Implementations must be thread-safe; a throw leaves the event pending for a later relay.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes one event.
     *
     * @param envelope the event with its id and sequence
     */
    void publish(EventEnvelope envelope);

    /** @return a publisher that drops every event, for hosts that only read the audit trail */
    static EventPublisher discarding() {
        return envelope -> { };
    }
}
