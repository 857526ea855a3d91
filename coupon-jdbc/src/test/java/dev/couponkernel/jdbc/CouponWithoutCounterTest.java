package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A coupon stored without its counter row (written by hand, or by a version before counters came
 * with the coupon) has one outcome on every store: the ledger makes the row, unlimited, the first
 * time it needs it; a lock counts, a limit change stores the limits, and from then on they hold.
 * (Before the one ledger, a limit change on it inserted a row the foreign key refused on JDBC and
 * failed with NotFoundException on JPA.)
 */
class CouponWithoutCounterTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2Memory),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgres));
    }

    private static void dropCounter(DataSource ds, CouponRecord coupon) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM coupon_counter WHERE coupon_id = ?")) {
            ps.setString(1, coupon.id().value());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLimitChangeMakesTheCounterAndItsLimitsHold(String name, Supplier<DataSource> database) throws SQLException {
        DataSource ds = database.get();
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.unlimited());
        dropCounter(ds, coupon);

        LimitChange change = storage.ledger().changeLimits(coupon.id(), UsageLimits.of(1, 1), T0, ACTOR);
        assertThat(change.applied()).isTrue();
        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(given.lock(coupon, "bob", "co-2", T0).reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLockMakesTheCounterAndCounts(String name, Supplier<DataSource> database) throws SQLException {
        DataSource ds = database.get();
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.unlimited());
        dropCounter(ds, coupon);

        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(storage.ledger().count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
    }
}
