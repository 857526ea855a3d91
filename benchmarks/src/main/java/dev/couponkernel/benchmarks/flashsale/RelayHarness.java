package dev.couponkernel.benchmarks.flashsale;

import com.zaxxer.hikari.HikariDataSource;
import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.Database;
import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.LibraryWorkload;
import dev.couponkernel.core.CouponKernel;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the outbox relay empties a flash sale's backlog: C clients check out one coupon with
 * combined writes for a while with no relay running, then one relay (the kernel's
 * {@code publishPendingEvents}, a publisher that only counts) publishes everything pending, alone on
 * the machine. A hot coupon's events are all in one outbox partition, so one relay at a time
 * publishes them: this rate is the most events per second one coupon's stream can be relayed at.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.couponkernel.benchmarks.flashsale.RelayHarness
 * [--db postgres|postgres-durable|h2] [--clients 64] [--seconds 10] [--rounds 3]}.
 */
public final class RelayHarness {

    private RelayHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = FlashSaleHarness.options(args);
        String db = opt.getOrDefault("db", "postgres");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "64"));
        Duration run = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("seconds", "10")));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
        try (Database database = Database.start(db, clients + 10)) {
            for (int round = 1; round <= rounds; round++) {
                database.renew();
                try (HikariDataSource pool = database.pool(clients)) {
                    LibraryWorkload w = new LibraryWorkload(pool, FlashSaleHarness.combineMax);
                    w.prepare(100_000_000L, 1_000_000L);
                    FlashSaleHarness.Result r = FlashSaleHarness.drive(w, clients, Duration.ofSeconds(3), run);
                    AtomicLong published = new AtomicLong();
                    CouponKernel kernel = MultiNodeHarness.kernel(w, published);
                    long t0 = System.nanoTime();
                    kernel.publishPendingEvents();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%s round %d: %d clients checked out at %.0f locks/s; the relay published %d events"
                            + " in %.1f s, %.0f events/s%n", db, round, clients, r.locksPerSecond(), published.get(), seconds,
                            published.get() / seconds);
                }
            }
        }
    }
}
