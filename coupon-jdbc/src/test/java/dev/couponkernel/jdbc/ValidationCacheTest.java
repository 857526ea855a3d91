package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The validation cache in front of the lookup by code: served from memory, invalidated by saves, bounded by its time-to-live. */
class ValidationCacheTest {

    private final DataSource ds = Databases.h2Memory();

    @Test
    void aLookupIsServedFromTheCacheUntilThisStorageSavesTheCoupon() throws SQLException {
        JdbcCouponStorage storage = JdbcCouponStorage.builder(ds).validationCacheTtl(Duration.ofHours(1)).build();
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        assertThat(storage.coupons().findByCode(coupon.definition().code())).get().extracting(CouponRecord::status)
                .isEqualTo(CouponStatus.ACTIVE);

        sql("UPDATE coupon SET status = 'DRAFT' WHERE id = '" + coupon.id() + "'");

        assertThat(storage.coupons().findByCode(coupon.definition().code())).get().extracting(CouponRecord::status)
                .as("served from the cache").isEqualTo(CouponStatus.ACTIVE);

        sql("UPDATE coupon SET status = 'ACTIVE' WHERE id = '" + coupon.id() + "'");
        given.disable(coupon, T0.plusSeconds(1));

        assertThat(storage.coupons().findByCode(coupon.definition().code())).get().extracting(CouponRecord::status)
                .as("invalidated by the save").isEqualTo(CouponStatus.DISABLED);
    }

    @Test
    void anotherNodesDisableIsSeenAfterTheTimeToLiveAndNoLockUsesTheStaleStatus() throws Exception {
        JdbcCouponStorage node1 = JdbcCouponStorage.builder(ds).validationCacheTtl(Duration.ofMillis(200)).build();
        JdbcCouponStorage node2 = JdbcCouponStorage.on(ds);
        StorageFixture given1 = new StorageFixture(node1);
        CouponRecord coupon = given1.coupon(UsageLimits.total(5));
        node1.coupons().findByCode(coupon.definition().code());

        new StorageFixture(node2).disable(coupon, T0.plusSeconds(1));

        assertThat(node1.coupons().findByCode(coupon.definition().code())).get().extracting(CouponRecord::status)
                .as("node 1 still serves its cached entry").isEqualTo(CouponStatus.ACTIVE);
        assertThat(given1.lock(coupon, "alice", "co-1", T0.plusSeconds(2)).reason())
                .as("the lock reads the status in its own transaction").contains(RejectionReason.DISABLED);
        Thread.sleep(400);
        assertThat(node1.coupons().findByCode(coupon.definition().code())).get().extracting(CouponRecord::status)
                .isEqualTo(CouponStatus.DISABLED);
    }

    @Test
    void aTimeToLiveOfZeroTurnsTheCacheOff() throws SQLException {
        JdbcCouponStorage storage = JdbcCouponStorage.builder(ds).validationCacheTtl(Duration.ZERO).build();
        CouponRecord coupon = new StorageFixture(storage).coupon(UsageLimits.total(5));
        storage.coupons().findByCode(coupon.definition().code());

        sql("UPDATE coupon SET status = 'DRAFT' WHERE id = '" + coupon.id() + "'");

        assertThat(storage.coupons().findByCode(coupon.definition().code())).get().extracting(CouponRecord::status)
                .isEqualTo(CouponStatus.DRAFT);
    }

    @Test
    void aLoadThatRacedWithASaveDoesNotPutItsRecordBack() {
        AtomicLong clock = new AtomicLong();
        CouponCache cache = new CouponCache(Duration.ofSeconds(10), 100, clock::get);
        CouponRecord coupon = new StorageFixture(JdbcCouponStorage.on(ds)).coupon(UsageLimits.total(1));

        long token = cache.beforeLoad();
        cache.invalidate(coupon.definition().code()); // a save finished while the load was reading
        cache.put(coupon.definition().code(), coupon, token);

        assertThat(cache.get(coupon.definition().code())).isEmpty();

        cache.put(coupon.definition().code(), coupon, cache.beforeLoad());
        assertThat(cache.get(coupon.definition().code())).contains(coupon);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(cache.get(coupon.definition().code())).as("expired").isEmpty();
    }

    @Test
    void theCacheIsBounded() {
        CouponCache cache = new CouponCache(Duration.ofSeconds(10), 3, System::nanoTime);
        StorageFixture given = new StorageFixture(JdbcCouponStorage.on(ds));
        for (int i = 0; i < 10; i++) {
            CouponRecord c = given.coupon(UsageLimits.total(1));
            cache.put(c.definition().code(), c, cache.beforeLoad());
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }

    /** Past its bound the cache evicts some entries, not all of them, and counts what it does. */
    @Test
    void theCacheEvictsPastItsBoundAndCountsHitsMissesAndEvictions() {
        AtomicLong clock = new AtomicLong();
        CouponCache cache = new CouponCache(Duration.ofSeconds(10), 5, clock::get);
        StorageFixture given = new StorageFixture(JdbcCouponStorage.on(ds));
        List<CouponRecord> coupons = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CouponRecord c = given.coupon(UsageLimits.total(1));
            coupons.add(c);
            cache.put(c.definition().code(), c, cache.beforeLoad());
        }
        assertThat(cache.size()).isEqualTo(5);
        long held = coupons.stream().filter(c -> cache.get(c.definition().code()).isPresent()).count();
        ValidationCacheStats stats = cache.stats();
        assertThat(held).isEqualTo(5);
        assertThat(stats.hits()).isEqualTo(5);
        assertThat(stats.misses()).isEqualTo(15);
        assertThat(stats.evictions()).isEqualTo(15);
        assertThat(stats.hitRate()).isEqualTo(0.25);

        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(coupons).allSatisfy(c -> assertThat(cache.get(c.definition().code())).isEmpty());
        assertThat(cache.stats().evictions()).as("the 5 expired entries are evicted too").isEqualTo(20);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theStorageReportsItsCachesStatistics() {
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        CouponRecord c = new StorageFixture(storage).coupon(UsageLimits.total(1));
        storage.coupons().findByCode(c.definition().code());
        storage.coupons().findByCode(c.definition().code());
        ValidationCacheStats stats = storage.validationCacheStats();
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.size()).isEqualTo(1);
        assertThat(JdbcCouponStorage.builder(ds).validationCacheTtl(Duration.ZERO).build().validationCacheStats())
                .isEqualTo(new ValidationCacheStats(0, 0, 0, 0));
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> JdbcCouponStorage.builder(ds).validationCacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("validationCacheTtl");
        assertThatThrownBy(() -> JdbcCouponStorage.builder(ds).validationCacheSize(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("validationCacheSize");
        assertThatThrownBy(() -> JdbcCouponStorage.builder(ds).statementTimeout(Duration.ofMillis(-5)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("statementTimeout");
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
