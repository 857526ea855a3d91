package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC storage joined to a host's own transaction ({@link JdbcCouponStorage.Builder#joinTransactions}):
 * a checkout's usage, audit entry and event commit with the host's order and roll back with it,
 * invisible to others until the commit; the fraud guard's attempts stay recorded when it rolls
 * back; combining is bypassed; a race the host's transaction loses is a {@link ConflictException};
 * without a transaction the storage runs alone.
 */
class JdbcHostTransactionTest {

    private static final Actor ACTOR = Actor.of("test:host");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aCheckoutCommitsAndRollsBackWithTheHostsTransaction(String database) throws Exception {
        DataSource ds = database.equals("h2") ? Databases.h2Memory() : Databases.postgres();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE shop_order (id VARCHAR(64) PRIMARY KEY)");
        }
        ThreadLocal<Connection> current = new ThreadLocal<>();
        JdbcCouponStorage storage = JdbcCouponStorage.builder(ds)
                .combineConcurrentWrites(16)   // bypassed inside a host's transaction
                .joinTransactions(current::get)
                .build();
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme",
                        Money.of("30.00", "EUR"), 2, "shoes"))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .events(EventPublisher.discarding())
                .fraudGuard(FraudGuard.builder(storage.attempts()).standardProviders().build())
                .relayAfterCommand(0)          // events wait for publishPendingEvents
                .build();
        JdbcCouponStorage alone = JdbcCouponStorage.on(ds);

        // no transaction of the host's: runs alone and commits at once
        CouponRecord coupon = kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).limits(UsageLimits.of(5, 1)).build(),
                ACTOR);
        coupon = kernel.activate(coupon.id(), ACTOR);
        assertThat(alone.coupons().findByCode(coupon.definition().code())).isPresent();
        int entries = alone.audit().byCoupon(coupon.id()).size();
        long attempts = rows(ds, "SELECT COUNT(*) FROM coupon_attempt");

        // commit: the host's order and the checkout's usage, audit entry and event together
        try (Connection host = ds.getConnection()) {
            host.setAutoCommit(false);
            current.set(host);
            insertOrder(host, "order-1");
            ApplyResult applied = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "SAVE10"));
            assertThat(applied.usages()).hasSize(1);
            assertThat(storage.ledger().count(coupon.id(), UserId.of("u-1"))).isEqualTo(new UsageCount(1, 1));
            assertThat(alone.ledger().usagesOf(CheckoutId.of("co-1"))).as("not visible before the host commits").isEmpty();
            host.commit();
        } finally {
            current.remove();
        }
        assertThat(alone.ledger().usagesOf(CheckoutId.of("co-1"))).hasSize(1);
        assertThat(rows(ds, "SELECT COUNT(*) FROM shop_order")).isEqualTo(1);
        assertThat(alone.audit().byCoupon(coupon.id())).hasSize(entries + 1);
        assertThat(rows(ds, "SELECT COUNT(*) FROM coupon_attempt")).isEqualTo(attempts + 1);

        // roll back: nothing of the checkout stays, but the fraud guard's attempt does
        long events = rows(ds, "SELECT COUNT(*) FROM coupon_outbox");
        try (Connection host = ds.getConnection()) {
            host.setAutoCommit(false);
            current.set(host);
            insertOrder(host, "order-2");
            ApplyResult second = kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-2", "SAVE10"));
            assertThat(second.usages()).as("%s", second).hasSize(1);
            host.rollback();
        } finally {
            current.remove();
        }
        assertThat(alone.ledger().usagesOf(CheckoutId.of("co-2"))).isEmpty();
        assertThat(alone.ledger().count(coupon.id(), UserId.of("u-2"))).isEqualTo(new UsageCount(1, 0));
        assertThat(rows(ds, "SELECT COUNT(*) FROM shop_order")).isEqualTo(1);
        assertThat(alone.audit().byCoupon(coupon.id())).hasSize(entries + 1);
        assertThat(rows(ds, "SELECT COUNT(*) FROM coupon_outbox")).isEqualTo(events);
        assertThat(rows(ds, "SELECT COUNT(*) FROM coupon_attempt")).as("attempts never join").isEqualTo(attempts + 2);

        // the relay never joins: it publishes and commits on its own even inside a host's transaction
        try (Connection host = ds.getConnection()) {
            host.setAutoCommit(false);
            current.set(host);
            assertThat(kernel.publishPendingEvents()).isPositive();
            host.rollback();
        } finally {
            current.remove();
        }
        assertThat(alone.outbox().pending(100)).isEmpty();

        assertThat(alone.consistency().problems()).isEmpty();
        assertThat(alone.readModels().differences()).isEmpty();
        assertThat(alone.audit().verify(coupon.id()).isIntact()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRaceTheHostsTransactionLosesIsAConflictForTheHostToRetry(String database) throws Exception {
        DataSource ds = database.equals("h2") ? Databases.h2Memory() : Databases.postgres();
        ThreadLocal<Connection> current = new ThreadLocal<>();
        JdbcCouponStorage storage = JdbcCouponStorage.builder(ds).joinTransactions(current::get).build();
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.empty()).customers(id -> Optional.empty())
                .events(EventPublisher.discarding()).build();
        try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            current.set(first);
            kernel.create(CouponDefinition.builder("RACE").percentOff(10).build(), ACTOR);
            current.remove();
            // the second transaction's insert of the same code waits for the first, which then commits
            CompletableFuture<Object> racing = CompletableFuture.supplyAsync(() -> {
                current.set(second);
                try {
                    return kernel.create(CouponDefinition.builder("RACE").percentOff(20).build(), ACTOR);
                } catch (RuntimeException e) {
                    return e;
                } finally {
                    current.remove();
                }
            });
            Thread.sleep(300);
            first.commit();
            Object outcome = racing.get(30, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(ConflictException.class);
            second.rollback();
        }
        assertThat(rows(ds, "SELECT COUNT(*) FROM coupon WHERE code = 'RACE'")).isEqualTo(1);
        assertThat(JdbcCouponStorage.on(ds).consistency().problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aConnectionInAutoCommitIsNoTransaction(String database) throws Exception {
        DataSource ds = Databases.h2Memory();
        try (Connection autoCommit = ds.getConnection()) {
            JdbcCouponStorage storage = JdbcCouponStorage.builder(ds).joinTransactions(() -> autoCommit).build();
            assertThatThrownBy(() -> storage.coupons().findByCode(dev.couponkernel.spi.value.CouponCode.parse("XYZ")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("auto-commit");
        }
    }

    private static void insertOrder(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO shop_order (id) VALUES (?)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static long rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
