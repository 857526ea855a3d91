package dev.couponkernel.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.RetryEvent;
import dev.couponkernel.jdbc.RetryListener;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The JDBC storage's meters on H2: the validation cache as Micrometer's cache meters, the backlog of
 * the relay and the sweep (read at most once per refresh interval), and retries by outcome.
 */
class JdbcStorageMetricsTest {

    private static final Actor STAFF = Actor.of("staff:test");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void theCacheAndTheBacklogAreMeters() {
        DataSource ds = h2();
        SchemaInstaller.install(ds);
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        AtomicLong nanos = new AtomicLong();
        JdbcStorageMetrics metrics = new JdbcStorageMetrics(storage, Duration.ofSeconds(5), nanos::get);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        metrics.bindTo(meters);

        // the clock an hour back: every lock taken now expired long ago, and no sweep runs
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .clock(Clock.fixed(Instant.now().minusSeconds(3_600), ZoneOffset.UTC)).relayAfterCommand(0)
                .carts(id -> Optional.of(Cart.of(Money.of("4.90", "EUR"),
                        CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .build();
        assertThat(meters.get("couponkernel.outbox.pending").gauge().value()).isZero();
        assertThat(meters.get("couponkernel.relay.lag").timeGauge().value(TimeUnit.SECONDS)).isZero();

        CouponRecord coupon = kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).build(), STAFF);
        kernel.activate(coupon.id(), STAFF);
        kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVE10"));
        kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVE10"));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "SAVE10"));

        assertThat(meters.get("couponkernel.outbox.pending").gauge().value()).as("the reading is still the first").isZero();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(meters.get("couponkernel.outbox.pending").gauge().value()).isEqualTo(3);
        assertThat(meters.get("couponkernel.relay.lag").timeGauge().value(TimeUnit.SECONDS)).isGreaterThan(0);
        assertThat(meters.get("couponkernel.locks.expired").gauge().value()).isEqualTo(1);
        assertThat(meters.get("couponkernel.sweep.lag").timeGauge().value(TimeUnit.SECONDS))
                .as("expired 45 minutes ago (15-minute locks, an hour back)").isGreaterThan(2_600).isLessThan(2_800);

        kernel.publishPendingEvents();
        CouponKernel now = CouponKernel.builder().storage(storage).carts(id -> Optional.empty())
                .customers(id -> Optional.empty()).build();
        assertThat(now.expireLocks(10)).isEqualTo(1);   // and relays its release event
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(meters.get("couponkernel.outbox.pending").gauge().value()).isZero();
        assertThat(meters.get("couponkernel.locks.expired").gauge().value()).isZero();
        assertThat(meters.get("couponkernel.sweep.lag").timeGauge().value(TimeUnit.SECONDS)).isZero();

        double hits = meters.get("cache.gets").tag("cache", "couponkernel.validation").tag("result", "hit")
                .functionCounter().count();
        double misses = meters.get("cache.gets").tag("cache", "couponkernel.validation").tag("result", "miss")
                .functionCounter().count();
        assertThat(hits).isEqualTo(metrics.cacheStats().hits()).isPositive();
        assertThat(misses).isEqualTo(metrics.cacheStats().misses()).isPositive();
        assertThat(meters.get("cache.size").tag("cache", "couponkernel.validation").gauge().value()).isPositive();
        assertThat(meters.get("couponkernel.combined.transactions").functionCounter().count()).isZero();
    }

    @Test
    void retriesAreCountedByOutcomeAndSqlState() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetryListener listener = JdbcStorageMetrics.retries(meters);
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        listener.retrying(new RetryEvent(1, Duration.ofMillis(1), "40P01", deadlock));
        listener.retrying(new RetryEvent(2, Duration.ofMillis(2), "40P01", deadlock));
        listener.gaveUp(new RetryEvent(3, Duration.ZERO, null, new SQLException("gone")));
        assertThat(meters.get("couponkernel.retries").tag("outcome", "retrying").tag("sqlstate", "40P01").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("couponkernel.retries").tag("outcome", "gave_up").tag("sqlstate", "none").counter().count())
                .isEqualTo(1);
    }

    private static DataSource h2() {
        String url = "jdbc:h2:mem:metrics" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url);
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {}

            @Override
            public void setLoginTimeout(int seconds) {}

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
