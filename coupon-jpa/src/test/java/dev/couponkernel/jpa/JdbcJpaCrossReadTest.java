package dev.couponkernel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One schema, two storages: checkouts on one database alternate between a kernel on coupon-jdbc
 * and a kernel on coupon-jpa (each writes after the other's rows, audit entries and events), and
 * then every read through either storage gives the same values: coupons, usages, counts, audit
 * trails (one intact hash chain per coupon), pending events; the JDBC consistency check and read
 * model comparison find nothing.
 */
class JdbcJpaCrossReadTest {

    private static final Actor ACTOR = Actor.of("test:cross");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void eachStorageReadsWhatTheOtherWrote(String database) {
        var factory = JpaDatabases.kind(database).get();
        DataSource ds = database.equals("h2") ? JpaDatabases.h2Database() : JpaDatabases.postgresDatabase();
        JpaCouponStorage jpa = JpaCouponStorage.on(factory);
        JdbcCouponStorage jdbc = JdbcCouponStorage.builder(ds).validationCacheTtl(java.time.Duration.ZERO).build();
        CouponKernel viaJpa = kernel(jpa);
        CouponKernel viaJdbc = kernel(jdbc);

        List<CouponRecord> coupons = new ArrayList<>();
        coupons.add(viaJpa.activate(viaJpa.create(CouponDefinition.builder("JPA10").percentOff(10)
                .limits(UsageLimits.of(40, 2)).build(), ACTOR).id(), ACTOR));
        coupons.add(viaJdbc.activate(viaJdbc.create(CouponDefinition.builder("JDBC5").amountOff(Money.of("5.00", "EUR"))
                .limits(UsageLimits.total(40)).build(), ACTOR).id(), ACTOR));
        for (int i = 0; i < 24; i++) {
            CouponKernel k = i % 2 == 0 ? viaJpa : viaJdbc;
            CouponKernel other = i % 2 == 0 ? viaJdbc : viaJpa;
            String checkout = "co-" + i;
            k.apply(ApplyRequest.of(checkout, "u-" + (i % 5), "cart-" + i, i % 3 == 0 ? "JDBC5" : "JPA10"));
            // the other storage closes what this one locked
            switch (i % 4) {
                case 0, 1 -> other.redeem(CheckoutId.of(checkout), OrderId.of("o-" + i), ACTOR);
                case 2 -> other.release(CheckoutId.of(checkout), "cart abandoned", ACTOR);
                default -> { } // left locked
            }
        }
        viaJdbc.disable(coupons.get(1).id(), ACTOR, "campaign over");
        viaJpa.changeLimits(coupons.get(0).id(), UsageLimits.of(50, 3), ACTOR);

        for (CouponRecord c : coupons) {
            assertThat(jpa.coupons().findById(c.id())).isEqualTo(jdbc.coupons().findById(c.id()));
            assertThat(jpa.coupons().findByCode(c.definition().code())).isEqualTo(jdbc.coupons().findByCode(c.definition().code()));
            assertThat(jpa.audit().byCoupon(c.id())).isEqualTo(jdbc.audit().byCoupon(c.id())).hasSizeGreaterThan(2);
            assertThat(jpa.audit().verify(c.id()).isIntact()).isTrue();
            assertThat(jdbc.audit().verify(c.id()).isIntact()).isTrue();
            for (int u = 0; u < 5; u++) {
                assertThat(jpa.ledger().count(c.id(), UserId.of("u-" + u))).isEqualTo(jdbc.ledger().count(c.id(), UserId.of("u-" + u)));
            }
        }
        int usages = 0;
        for (int i = 0; i < 24; i++) {
            var read = jpa.ledger().usagesOf(CheckoutId.of("co-" + i));
            assertThat(read).isEqualTo(jdbc.ledger().usagesOf(CheckoutId.of("co-" + i)));
            usages += read.size();
            read.forEach(u -> assertThat(jpa.audit().byUsage(u.id())).isEqualTo(jdbc.audit().byUsage(u.id())).isNotEmpty());
        }
        assertThat(usages).as("checkouts that got a use (some were refused by the per-customer limit)").isGreaterThan(15);
        assertThat(jpa.outbox().pending(10_000)).isEqualTo(jdbc.outbox().pending(10_000));
        assertThat(jdbc.consistency().problems()).isEmpty();
        assertThat(jdbc.readModels().differences()).isEmpty();
    }

    private static CouponKernel kernel(CouponStorage storage) {
        return CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme",
                        Money.of("30.00", "EUR"), 2, "shoes"))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .events(EventPublisher.discarding()).build();
    }
}
