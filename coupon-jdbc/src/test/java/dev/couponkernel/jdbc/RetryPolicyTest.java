package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The retry policy: its back-off with and without jitter, its bounds refused with the field named,
 * and on a real database a lock that cannot get its row lock tried exactly as often as the policy
 * says, each retry and the giving up heard by the listener, while a listener that throws changes
 * nothing.
 */
class RetryPolicyTest {

    @Test
    void theBackOffDoublesUpToTheLongestWaitAndJitterShortensIt() {
        RetryPolicy p = RetryPolicy.builder().backOff(Duration.ofMillis(1), Duration.ofMillis(50)).jitter(0).build();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 30).stream().map(n -> p.delay(n, 0.99).toMillis()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 50L, 50L);

        RetryPolicy jittered = RetryPolicy.builder().backOff(Duration.ofMillis(10), Duration.ofMillis(10)).multiplier(1)
                .jitter(0.5).build();
        assertThat(jittered.delay(3, 0)).isEqualTo(Duration.ofMillis(10));
        assertThat(jittered.delay(3, 0.5)).isEqualTo(Duration.ofMillis(7).plusNanos(500_000));
        assertThat(jittered.delay(3, 0.999_999)).isGreaterThan(Duration.ofMillis(5)).isLessThan(Duration.ofMillis(6));

        RetryPolicy defaults = RetryPolicy.defaults();
        assertThat(defaults.maxAttempts()).isEqualTo(20);
        assertThat(defaults.delay(1, 0)).isEqualTo(Duration.ofMillis(1));
        assertThat(defaults.delay(20, 0)).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.delay(20, 0.999_999).toNanos()).isGreaterThan(Duration.ofMillis(25).toNanos() - 1);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.builder().backOff(Duration.ofMillis(-1), Duration.ofMillis(5)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("firstBackOff");
        assertThatThrownBy(() -> RetryPolicy.builder().backOff(Duration.ofMillis(10), Duration.ofMillis(5)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxBackOff");
        assertThatThrownBy(() -> RetryPolicy.builder().backOff(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxBackOff");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(Double.NaN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.builder().listener(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("listener");
    }

    /**
     * Another transaction holds the coupon's counter row, and H2 gives up waiting for it after 50 ms
     * (a lock wait that timed out, a lost race): the lock is tried three times, the listener hears two
     * retries with their waits and then the giving up, and the command fails with nothing written.
     * Once the row is free the same storage locks at once.
     */
    @Test
    void aLockThatCannotGetItsRowIsTriedAsOftenAsThePolicySaysAndTheListenerHearsEachTry() throws Exception {
        DataSource ds = new UrlDataSource("jdbc:h2:mem:retry" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=50");
        SchemaInstaller.install(ds);
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        List<RetryEvent> gaveUp = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        RetryListener listener = new RetryListener() {
            @Override
            public void retrying(RetryEvent event) {
                retries.add(event);
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("a listener's bug");
                }
            }

            @Override
            public void gaveUp(RetryEvent event) {
                gaveUp.add(event);
            }
        };
        JdbcCouponStorage storage = JdbcCouponStorage.builder(ds)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).backOff(Duration.ofMillis(2), Duration.ofMillis(4)).jitter(0)
                        .listener(listener).build())
                .build();
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.total(5));

        try (Connection blocker = ds.getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.executeQuery("SELECT used FROM coupon_counter WHERE coupon_id = '" + coupon.id().value() + "' FOR UPDATE").close();

            assertThatThrownBy(() -> given.lock(coupon, "alice", "co-1", T0)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("gave up after 3 attempts");
            blocker.rollback();
        }

        assertThat(retries).extracting(RetryEvent::failedTries).containsExactly(1, 2);
        assertThat(retries).extracting(RetryEvent::delay).containsExactly(Duration.ofMillis(2), Duration.ofMillis(4));
        assertThat(retries).allSatisfy(e -> assertThat(e.sqlState()).isEqualTo("HYT00"));
        assertThat(gaveUp).singleElement().satisfies(e -> {
            assertThat(e.failedTries()).isEqualTo(3);
            assertThat(e.delay()).isZero();
        });
        assertThat(storage.ledger().count(coupon.id(), dev.couponkernel.spi.value.UserId.of("alice")).total())
                .as("nothing was written").isZero();
        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(retries).as("a free row needs no retry").hasSize(2);
    }
}
