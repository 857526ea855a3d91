package dev.couponkernel.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the relay and the expiry sweep have yet to do, read in one transaction: the pending events
 * and the locks past their expiry that no sweep has released yet. For metrics and health checks.
 *
 * @param pendingEvents how many events wait in the outbox
 * @param oldestPendingEvent when the oldest of them was stored, if any
 * @param expiredLocks how many locks are past their expiry and still held
 * @param oldestExpiredLock when the longest-expired of them expired, if any
 * @param readAt when this was read
 */
public record Backlog(long pendingEvents, Optional<Instant> oldestPendingEvent, long expiredLocks,
        Optional<Instant> oldestExpiredLock, Instant readAt) {

    /**
     * Checks the parts are present.
     *
     * @param pendingEvents how many events wait in the outbox
     * @param oldestPendingEvent when the oldest of them was stored, if any
     * @param expiredLocks how many locks are past their expiry and still held
     * @param oldestExpiredLock when the longest-expired of them expired, if any
     * @param readAt when this was read
     */
    public Backlog {
        if (pendingEvents < 0 || expiredLocks < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        java.util.Objects.requireNonNull(oldestPendingEvent, "oldestPendingEvent");
        java.util.Objects.requireNonNull(oldestExpiredLock, "oldestExpiredLock");
        java.util.Objects.requireNonNull(readAt, "readAt");
    }

    /** @return how long the oldest pending event has waited (zero when none waits) */
    public Duration relayLag() {
        return oldestPendingEvent.map(t -> positive(Duration.between(t, readAt))).orElse(Duration.ZERO);
    }

    /** @return how long the longest-expired lock has been past its expiry (zero when none is) */
    public Duration sweepLag() {
        return oldestExpiredLock.map(t -> positive(Duration.between(t, readAt))).orElse(Duration.ZERO);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
