package dev.couponkernel.service.admin;

import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventType;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The fraud guard's most recent alerts ({@code SecurityAlertRaised}) as this node heard them, newest
 * first, for the admin page: at most {@value #KEPT}, kept in memory (a restart starts empty; a shop
 * keeps alerts for good by consuming the events from its broker). An event heard twice (the relay is
 * at least once) is kept once.
 *
 * <p>Thread-safe.
 */
@Component
public class FraudAlerts {

    /** How many alerts are kept. */
    public static final int KEPT = 500;

    /** An alert and the id of the event it came in. */
    public record Alert(String eventId, SecurityAlertRaised alert) {}

    private final Deque<Alert> alerts = new ArrayDeque<>();

    /**
     * Keeps an alert; ignores every other event.
     *
     * @param envelope a relayed event
     */
    @EventListener
    public void heard(EventEnvelope envelope) {
        if (envelope.event().type() != EventType.SECURITY_ALERT_RAISED) {
            return;
        }
        Alert alert = new Alert(envelope.eventId(), (SecurityAlertRaised) envelope.event());
        synchronized (alerts) {
            if (alerts.stream().anyMatch(a -> a.eventId().equals(envelope.eventId()))) {
                return;
            }
            alerts.addFirst(alert);
            while (alerts.size() > KEPT) {
                alerts.removeLast();
            }
        }
    }

    /** @return the alerts kept, newest first */
    public List<Alert> recent() {
        synchronized (alerts) {
            return new ArrayList<>(alerts);
        }
    }
}
