package dev.couponkernel.spring.boot;

import dev.couponkernel.core.CouponKernel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's expiry sweep and outbox relay, each on a fixed delay on one daemon thread of its
 * own, started with the application context and stopped before its beans close. Running on many
 * instances at once is safe: the storage's sweep takes stale locks with {@code SKIP LOCKED} (on
 * PostgreSQL) so racing sweepers release each lock once, and the relay claims one outbox partition
 * at a time, so each coupon's events are published in order by one relay at a time. A failed run is
 * logged and the next one runs on schedule. With {@code couponkernel.consistency.interval} set (JDBC
 * storage), the consistency check runs on its schedule too. Thread-safe.
 */
public final class CouponKernelSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CouponKernelSchedule.class);

    private final CouponKernel kernel;
    private final CouponKernelProperties.Sweep sweep;
    private final CouponKernelProperties.Relay relay;
    private final AtomicLong sweeps = new AtomicLong();
    private final AtomicLong relays = new AtomicLong();
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final ConsistencyWatch consistency;
    private final Duration consistencyInterval;
    private volatile ScheduledExecutorService executor;

    CouponKernelSchedule(CouponKernel kernel, CouponKernelProperties.Sweep sweep, CouponKernelProperties.Relay relay,
            ConsistencyWatch consistency, Duration consistencyInterval) {
        this.kernel = kernel;
        this.sweep = sweep;
        this.relay = relay;
        this.consistency = consistency;
        this.consistencyInterval = consistencyInterval;
        positive(sweep.getInterval(), "couponkernel.sweep.interval");
        positive(relay.getInterval(), "couponkernel.relay.interval");
        if (consistencyInterval != null) {
            positive(consistencyInterval, "couponkernel.consistency.interval");
        }
        if (sweep.getMaxLocks() < 1) {
            throw new IllegalArgumentException("couponkernel.sweep.max-locks must be at least 1, was " + sweep.getMaxLocks());
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService e = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "coupon-kernel-schedule");
            t.setDaemon(true);
            return t;
        });
        if (sweep.isEnabled()) {
            long every = sweep.getInterval().toMillis();
            e.scheduleWithFixedDelay(this::sweepOnce, every, every, TimeUnit.MILLISECONDS);
        }
        if (relay.isEnabled()) {
            long every = relay.getInterval().toMillis();
            e.scheduleWithFixedDelay(this::relayOnce, every, every, TimeUnit.MILLISECONDS);
        }
        if (consistency != null && consistencyInterval != null) {
            long every = consistencyInterval.toMillis();
            e.scheduleWithFixedDelay(consistency::check, every, every, TimeUnit.MILLISECONDS);
        }
        executor = e;
    }

    /** Runs one expiry sweep now, as the schedule does. */
    void sweepOnce() {
        try {
            released.addAndGet(kernel.expireLocks(sweep.getMaxLocks()));
        } catch (RuntimeException e) {
            LOG.warn("the expiry sweep failed; the next one runs in {}", sweep.getInterval(), e);
        } finally {
            sweeps.incrementAndGet();
        }
    }

    /** Runs one relay now, as the schedule does. */
    void relayOnce() {
        try {
            published.addAndGet(kernel.publishPendingEvents());
        } catch (RuntimeException e) {
            LOG.warn("the outbox relay failed; the next one runs in {}", relay.getInterval(), e);
        } finally {
            relays.incrementAndGet();
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e == null) {
            return;
        }
        e.shutdown();
        try {
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                e.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** @return how many sweeps have run on this instance */
    public long sweeps() {
        return sweeps.get();
    }

    /** @return how many relays have run on this instance */
    public long relays() {
        return relays.get();
    }

    /** @return how many locks this instance's sweeps released */
    public long releasedLocks() {
        return released.get();
    }

    /** @return how many events this instance's scheduled relays published */
    public long publishedEvents() {
        return published.get();
    }
}
