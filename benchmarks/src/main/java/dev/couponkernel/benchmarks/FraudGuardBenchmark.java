package dev.couponkernel.benchmarks;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.storage.InMemoryAttemptLog;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the fraud guard costs a validate: the same validate (one code, a 3-line cart) with the guard
 * off and with the standard providers, on in-memory storage, on H2 and on an embedded PostgreSQL 17
 * (whose attempt logs are a table, behind a HikariCP pool). Customers, devices and IPs rotate over 10,000 / 10,000 / 5,000 values, so every query reads
 * a realistic, short history. A fresh kernel and log per iteration keep the log's size comparable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class FraudGuardBenchmark {

    /** Where coupons and attempts are kept. */
    @Param({"memory", "h2", "postgres"})
    public String storage;

    /**
     * Whether the fraud guard is on: {@code standard} asks each attempt's questions in one call,
     * {@code one-by-one} is the same guard over a log that asks them one at a time (the default of
     * {@link AttemptLog#answerAll}), as before ADR 23.
     */
    @Param({"off", "standard", "one-by-one"})
    public String guard;

    private CouponKernel kernel;
    private HikariDataSource pool;
    private EmbeddedPostgres postgres;
    private int databases;
    private int n;

    @Setup(Level.Trial)
    public void startPostgres() throws java.io.IOException {
        if (storage.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws java.io.IOException {
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Setup(Level.Iteration)
    public void setUp() {
        Cart cart = Cart.of(Money.of("4.90", "EUR"),
                CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"),
                CartLine.of("L2", "SOCK-1", "acme", Money.of("5.00", "EUR"), 3, "socks"),
                CartLine.of("L3", "HAT-1", "hatco", Money.of("25.00", "EUR"), 1, "hats"));
        CouponStorage store;
        AttemptLog log;
        if (storage.equals("memory")) {
            store = InMemoryCouponStorage.create();
            log = InMemoryAttemptLog.create();
        } else {
            if (pool != null) {
                pool.close();
            }
            HikariConfig config = new HikariConfig();
            if (storage.equals("h2")) {
                config.setJdbcUrl("jdbc:h2:mem:fraud-bench-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            } else {
                String name = "bench" + (++databases);
                try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                        java.sql.Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + name);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                config.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
            }
            config.setMaximumPoolSize(4);
            pool = new HikariDataSource(config);
            HikariDataSource ds = pool;
            SchemaInstaller.install(ds);
            JdbcCouponStorage jdbc = JdbcCouponStorage.on(ds);
            store = jdbc;
            log = jdbc.attempts();
        }
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        CouponKernel.Builder b = CouponKernel.builder().storage(store)
                .carts(id -> Optional.of(cart))
                .customers(id -> Optional.of(new Customer(id, created, 3, java.util.Set.of())));
        if (guard.equals("standard")) {
            b.fraudGuard(FraudGuard.standard(log));
        } else if (guard.equals("one-by-one")) {
            b.fraudGuard(FraudGuard.standard(oneByOne(log)));
        }
        kernel = b.build();
        Actor staff = Actor.of("staff:bench");
        kernel.activate(kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).build(), staff).id(), staff);
    }

    /** The log with {@link AttemptLog#answerAll}'s default: one read per question. */
    private static AttemptLog oneByOne(AttemptLog log) {
        return new AttemptLog() {
            @Override
            public void record(dev.couponkernel.spi.fraud.AttemptRecord attempt) {
                log.record(attempt);
            }

            @Override
            public long count(dev.couponkernel.spi.fraud.AttemptQuery query) {
                return log.count(query);
            }

            @Override
            public long countDistinct(dev.couponkernel.spi.fraud.AttemptQuery query, dev.couponkernel.spi.fraud.AttemptField field) {
                return log.countDistinct(query, field);
            }

            @Override
            public java.util.List<Instant> recentTimes(dev.couponkernel.spi.fraud.AttemptQuery query, int max) {
                return log.recentTimes(query, max);
            }

            @Override
            public int purge(Instant before, int max) {
                return log.purge(before, max);
            }
        };
    }

    @Benchmark
    public PricingDecision validate() {
        int i = n++;
        return kernel.validate(new ValidateRequest(UserId.of("u-" + (i % 10_000)), dev.couponkernel.spi.value.CartId.of("cart"),
                java.util.List.of("SAVE10"), null, ClientInfo.of("d-" + (i % 10_000), "ip-" + (i % 5_000), null)));
    }
}
