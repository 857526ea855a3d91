package dev.couponkernel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage joined to a host's own transaction, on the host's persistence unit ({@code
 * META-INF/persistence.xml} "shop": the host's entity and the library's): a checkout's lock, usage,
 * audit entry and event commit with the host's order, roll back with it, stay invisible to others
 * until the commit, and a refusal inside the host's transaction leaves it usable. Outside a
 * transaction the storage runs alone. Everything is read back through coupon-jdbc.
 */
class HostTransactionTest {

    private static final Actor ACTOR = Actor.of("test:host");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aCheckoutCommitsAndRollsBackWithTheHostsTransaction(String database) throws Exception {
        DataSource ds = database.equals("h2") ? JpaDatabases.freshH2() : JpaDatabases.freshPostgres();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE shop_order (id VARCHAR(64) PRIMARY KEY, total VARCHAR(32) NOT NULL)");
        }
        // tag::jpa-wiring[]
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("shop",   // the host's unit, with CouponEntities
                Map.of("jakarta.persistence.nonJtaDataSource", ds));
        ThreadLocal<EntityManager> current = new ThreadLocal<>();                      // the host's transaction-bound manager
        JpaCouponStorage storage = JpaCouponStorage.builder(factory)
                .joinTransactions(current::get)                                        // null or not joined: runs alone
                .build();
        // end::jpa-wiring[]
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme",
                        Money.of("30.00", "EUR"), 2, "shoes"))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .events(EventPublisher.discarding()).build();
        JdbcCouponStorage jdbc = JdbcCouponStorage.on(ds);

        // no transaction of the host's: the storage runs alone and commits at once
        CouponRecord coupon = kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).limits(UsageLimits.of(5, 1)).build(),
                ACTOR);
        coupon = kernel.activate(coupon.id(), ACTOR);
        assertThat(jdbc.coupons().findByCode(coupon.definition().code())).isPresent();
        int entries = jdbc.audit().byCoupon(coupon.id()).size();

        // commit: the host's order and the checkout's lock, audit entry and event together
        // tag::jpa-checkout[]
        EntityManager em = factory.createEntityManager();
        current.set(em);
        em.getTransaction().begin();
        em.persist(new ShopOrder("order-1", "59.40 EUR"));                             // the host's own write
        ApplyResult applied = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "SAVE10"));  // joins it
        // end::jpa-checkout[]
        assertThat(applied.usages()).hasSize(1);
        assertThat(storage.ledger().count(coupon.id(), UserId.of("u-1"))).isEqualTo(new UsageCount(1, 1));
        assertThat(jdbc.ledger().usagesOf(CheckoutId.of("co-1"))).as("not visible before the host commits").isEmpty();
        // tag::jpa-commit[]
        em.getTransaction().commit();                   // order, usage, audit entry and event together
        em.close();
        current.remove();
        kernel.publishPendingEvents();                  // the events committed just now
        // end::jpa-commit[]
        assertThat(jdbc.ledger().usagesOf(CheckoutId.of("co-1"))).hasSize(1);
        assertThat(rows(ds, "SELECT COUNT(*) FROM shop_order")).isEqualTo(1);
        assertThat(jdbc.audit().byCoupon(coupon.id())).hasSize(entries + 1);

        // roll back: nothing of the checkout stays, the audit chain and the outbox included
        long events = rows(ds, "SELECT COUNT(*) FROM coupon_outbox");
        em = factory.createEntityManager();
        current.set(em);
        em.getTransaction().begin();
        em.persist(new ShopOrder("order-2", "59.40 EUR"));
        ApplyResult second = kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-2", "SAVE10"));
        assertThat(second.usages()).as("%s", second).hasSize(1);
        em.getTransaction().rollback();
        em.close();
        current.remove();
        assertThat(jdbc.ledger().usagesOf(CheckoutId.of("co-2"))).isEmpty();
        assertThat(jdbc.ledger().count(coupon.id(), UserId.of("u-2"))).isEqualTo(new UsageCount(1, 0));
        assertThat(rows(ds, "SELECT COUNT(*) FROM shop_order")).isEqualTo(1);
        assertThat(jdbc.audit().byCoupon(coupon.id())).hasSize(entries + 1);
        assertThat(rows(ds, "SELECT COUNT(*) FROM coupon_outbox")).isEqualTo(events);
        assertThat(jdbc.audit().verify(coupon.id()).isIntact()).isTrue();

        // a refusal inside the host's transaction: the use counted first is taken back, the
        // transaction is not marked for rollback, and the host's own write commits
        em = factory.createEntityManager();
        current.set(em);
        em.getTransaction().begin();
        em.persist(new ShopOrder("order-3", "60.00 EUR"));
        Instant now = Instant.now();
        LockOutcome refused = storage.ledger().lock(new LockRequest(coupon.id(), coupon.definition().code(), UserId.of("u-1"),
                CheckoutId.of("co-3"), coupon.definition().limits(), now, now.plusSeconds(900), ACTOR));
        assertThat(refused.reason()).contains(RejectionReason.USER_LIMIT_REACHED);
        assertThat(em.getTransaction().getRollbackOnly()).isFalse();
        em.getTransaction().commit();
        em.close();
        current.remove();
        assertThat(rows(ds, "SELECT COUNT(*) FROM shop_order")).isEqualTo(2);
        assertThat(jdbc.ledger().count(coupon.id(), UserId.of("u-1"))).isEqualTo(new UsageCount(1, 1));

        assertThat(jdbc.consistency().problems()).isEmpty();
        assertThat(jdbc.readModels().differences()).isEmpty();
        assertThat(jdbc.audit().verify(coupon.id()).isIntact()).isTrue();
        factory.close();
    }

    private static long rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
