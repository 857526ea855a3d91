package dev.couponkernel.spring.boot;

import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the kernel's relayed events as Spring application events: an {@code @EventListener}
 * method taking an {@link EventEnvelope} hears every event, in each coupon's order, on the relaying
 * thread. A listener that throws fails the relay of that event, which stays pending and is
 * published again by the next relay (at-least-once; deduplicate by {@link EventEnvelope#eventId()}).
 * Thread-safe.
 */
final class SpringEventPublisher implements EventPublisher {

    private final ApplicationEventPublisher publisher;

    SpringEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(EventEnvelope envelope) {
        publisher.publishEvent(envelope);
    }
}
