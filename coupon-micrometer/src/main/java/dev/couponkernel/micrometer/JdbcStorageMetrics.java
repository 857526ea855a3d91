package dev.couponkernel.micrometer;

import dev.couponkernel.jdbc.Backlog;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.JdbcUsageLedger;
import dev.couponkernel.jdbc.RetryEvent;
import dev.couponkernel.jdbc.RetryListener;
import dev.couponkernel.jdbc.ValidationCacheStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The JDBC storage's meters, bound to a registry with {@link #bindTo} (Spring Boot binds every
 * {@link MeterBinder} bean itself):
 *
 * <ul>
 *   <li>the validation cache, as Micrometer's cache meters with the tag {@code
 *       cache=couponkernel.validation}: {@code cache.gets} ({@code result=hit|miss}), {@code
 *       cache.evictions}, {@code cache.size};
 *   <li>combining: {@code couponkernel.combined.transactions}, {@code
 *       couponkernel.combined.operations} (their ratio is the mean batch size) and {@code
 *       couponkernel.combined.rollbacks};
 *   <li>the backlog ({@link JdbcCouponStorage#backlog()}, read at most once per refresh interval,
 *       however often the registry is scraped): {@code couponkernel.outbox.pending}, {@code
 *       couponkernel.relay.lag} (seconds the oldest pending event has waited), {@code
 *       couponkernel.locks.expired} and {@code couponkernel.sweep.lag} (seconds the longest-expired
 *       lock has been held past its expiry).
 * </ul>
 *
 * <p>{@link #retries(MeterRegistry)} is a {@link RetryListener} counting {@code
 * couponkernel.retries} by {@code outcome} ({@code retrying}, {@code gave_up}) and {@code sqlstate}.
 * Thread-safe.
 */
public final class JdbcStorageMetrics implements MeterBinder {

    private final JdbcCouponStorage storage;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private volatile Backlog backlog;
    private volatile long backlogReadAt;

    /**
     * @param storage the storage
     * @param backlogRefresh how long one reading of the backlog serves (default 5 s elsewhere)
     */
    public JdbcStorageMetrics(JdbcCouponStorage storage, Duration backlogRefresh) {
        this(storage, backlogRefresh, System::nanoTime);
    }

    JdbcStorageMetrics(JdbcCouponStorage storage, Duration backlogRefresh, LongSupplier nanoTime) {
        this.storage = Objects.requireNonNull(storage, "storage");
        if (backlogRefresh == null || backlogRefresh.isNegative()) {
            throw new IllegalArgumentException("backlogRefresh must be zero or positive, was " + backlogRefresh);
        }
        this.refreshNanos = backlogRefresh.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * @param storage the storage
     * @return its meters, the backlog read at most every 5 seconds
     */
    public static JdbcStorageMetrics of(JdbcCouponStorage storage) {
        return new JdbcStorageMetrics(storage, Duration.ofSeconds(5));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String cache = "couponkernel.validation";
        FunctionCounter.builder("cache.gets", storage, s -> s.validationCacheStats().hits())
                .tag("cache", cache).tag("result", "hit").description("validation cache lookups that hit").register(registry);
        FunctionCounter.builder("cache.gets", storage, s -> s.validationCacheStats().misses())
                .tag("cache", cache).tag("result", "miss").description("validation cache lookups that missed").register(registry);
        FunctionCounter.builder("cache.evictions", storage, s -> s.validationCacheStats().evictions())
                .tag("cache", cache).description("validation cache entries evicted past its bound").register(registry);
        Gauge.builder("cache.size", storage, s -> s.validationCacheStats().size())
                .tag("cache", cache).description("validation cache entries").register(registry);

        combining(registry, "couponkernel.combined.transactions", JdbcUsageLedger.CombiningStats::transactions,
                "transactions that ran several operations of one coupon");
        combining(registry, "couponkernel.combined.operations", JdbcUsageLedger.CombiningStats::operations,
                "operations run in combined transactions");
        combining(registry, "couponkernel.combined.rollbacks", JdbcUsageLedger.CombiningStats::rollbacks,
                "combined transactions that rolled back whole (their operations then ran alone)");

        // held strongly: a gauge holds its object weakly, and nothing else need keep these meters' reader
        Gauge.builder("couponkernel.outbox.pending", this, m -> m.backlog().pendingEvents())
                .description("events waiting in the outbox")
                .strongReference(true).register(registry);
        TimeGauge.builder("couponkernel.relay.lag", this, TimeUnit.SECONDS, m -> seconds(m.backlog().relayLag()))
                .description("how long the oldest pending event has waited")
                .strongReference(true).register(registry);
        Gauge.builder("couponkernel.locks.expired", this, m -> m.backlog().expiredLocks())
                .description("locks past their expiry that no sweep has released yet")
                .strongReference(true).register(registry);
        TimeGauge.builder("couponkernel.sweep.lag", this, TimeUnit.SECONDS, m -> seconds(m.backlog().sweepLag()))
                .description("how long the longest-expired lock has been held past its expiry")
                .strongReference(true).register(registry);
    }

    private void combining(MeterRegistry registry, String name, ToDoubleFunction<JdbcUsageLedger.CombiningStats> value,
            String description) {
        FunctionCounter.builder(name, storage, s -> value.applyAsDouble(s.ledger().combiningStats()))
                .description(description).register(registry);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** @return the backlog, read again when the last reading is older than the refresh interval */
    Backlog backlog() {
        Backlog b = backlog;
        long now = nanoTime.getAsLong();
        if (b == null || now - backlogReadAt >= refreshNanos) {
            synchronized (this) {
                if (backlog == null || nanoTime.getAsLong() - backlogReadAt >= refreshNanos) {
                    backlog = storage.backlog();
                    backlogReadAt = nanoTime.getAsLong();
                }
                b = backlog;
            }
        }
        return b;
    }

    /**
     * @param registry where the counter goes
     * @return a retry listener for {@code RetryPolicy.builder().listener(...)}
     */
    public static RetryListener retries(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new RetryListener() {
            @Override
            public void retrying(RetryEvent event) {
                count(event, "retrying");
            }

            @Override
            public void gaveUp(RetryEvent event) {
                count(event, "gave_up");
            }

            private void count(RetryEvent event, String outcome) {
                Counter.builder("couponkernel.retries").description("transactions run again after a lost race, and give-ups")
                        .tag("outcome", outcome).tag("sqlstate", event.sqlState() == null ? "none" : event.sqlState())
                        .register(registry).increment();
            }
        };
    }

    /** @return the meters' view of cache statistics, for tests */
    ValidationCacheStats cacheStats() {
        return storage.validationCacheStats();
    }
}
