package dev.couponkernel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A flash sale on the JPA storage: 64 threads lock one coupon (total 150, 2 per customer) for new
 * checkouts and redeem three of four locks and release the fourth, until the coupon is used up.
 * Counted from the rows afterwards: exactly 150 redeemed, never more than the limits, no customer
 * over 2, and the JDBC consistency check (counters against usages, audit chains, events) clean.
 */
class JpaFlashSaleStressTest {

    private static final int THREADS = 64;
    private static final int TOTAL = 150;
    private static final int MAX_CHECKOUTS = 20_000;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void noOversellUnderSixtyFourThreads(String database) throws Exception {
        var factory = JpaDatabases.kind(database).get();
        DataSource ds = database.equals("h2") ? JpaDatabases.h2Database() : JpaDatabases.postgresDatabase();
        StorageFixture given = new StorageFixture(JpaCouponStorage.on(factory));
        CouponRecord coupon = given.coupon(UsageLimits.of(TOTAL, 2));
        AtomicInteger checkouts = new AtomicInteger();
        AtomicInteger redeemed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    // until the coupon is used up: a refusal may be followed by the release of a use another
                    // thread held, so only the redeemed count ends the sale (the cap only guards a broken ledger)
                    while (redeemed.get() < TOTAL && checkouts.get() < MAX_CHECKOUTS) {
                        int n = checkouts.incrementAndGet();
                        String checkout = "flash-" + n;
                        LockOutcome outcome = given.lock(coupon, "u-" + (n % 120), checkout, StorageFixture.T0);
                        if (!outcome.isLocked()) {
                            continue;
                        }
                        if (n % 4 == 3) {
                            given.storage().ledger().release(CheckoutId.of(checkout), "payment failed", StorageFixture.T0,
                                    StorageFixture.ACTOR);
                        } else {
                            given.storage().ledger().redeem(CheckoutId.of(checkout), OrderId.of("o-" + n), StorageFixture.T0,
                                    StorageFixture.ACTOR);
                            redeemed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        String id = coupon.id().value();
        assertThat(count(ds, "SELECT COUNT(*) FROM coupon_usage WHERE coupon_id = '" + id + "' AND status = 'REDEEMED'"))
                .isEqualTo(TOTAL).isEqualTo(redeemed.get());
        assertThat(count(ds, "SELECT COUNT(*) FROM coupon_usage WHERE coupon_id = '" + id + "' AND status <> 'RELEASED'"))
                .isEqualTo(TOTAL);
        assertThat(count(ds, "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM coupon_usage WHERE coupon_id = '" + id
                + "' AND status <> 'RELEASED' GROUP BY user_id) per_user")).isLessThanOrEqualTo(2);
        assertThat(count(ds, "SELECT used FROM coupon_counter WHERE coupon_id = '" + id + "'")).isEqualTo(TOTAL);
        JdbcCouponStorage jdbc = JdbcCouponStorage.on(ds);
        assertThat(jdbc.consistency().problems()).isEmpty();
        assertThat(jdbc.audit().verify(coupon.id()).isIntact()).isTrue();
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
