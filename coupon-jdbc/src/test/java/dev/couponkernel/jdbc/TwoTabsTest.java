package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One customer applies and validates the same coupon from two browser tabs at once (two checkouts),
 * over and over, while other customers lock and release it: every call returns a normal outcome (a
 * lock, USER_LIMIT_REACHED, a priced decision), never an exception, and the per-customer limit holds.
 * (The counts were read in two statements with two snapshots: a lock committing between them gave
 * "usage.byUser: the customer's count 1 exceeds the total count 0".)
 */
class TwoTabsTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2Memory),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoTabsOfOneCustomerNeverGetAnException(String name, Supplier<DataSource> database) throws Exception {
        JdbcCouponStorage storage = JdbcCouponStorage.on(database.get());
        Cart cart = Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"));
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(cart))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .build();
        kernel.activate(kernel.create(CouponDefinition.builder("TABS").percentOff(10).limits(UsageLimits.perUser(1)).build(),
                Actor.of("staff:test")).id(), Actor.of("staff:test"));

        int rounds = 80;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Set<RejectionReason> seen = Collections.synchronizedSet(EnumSet.noneOf(RejectionReason.class));
        List<Future<?>> tabs = new ArrayList<>();
        try {
            for (int t = 0; t < 6; t++) {
                int tab = t;
                // tabs 0 and 1 are one customer's; the others are other customers keeping the counters moving
                String user = tab < 2 ? "u-tabs" : "u-other-" + tab;
                tabs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        String checkout = "tab-" + tab + "-" + i;
                        try {
                            kernel.validate(ValidateRequest.of(user, "cart", "TABS"));
                            ApplyResult r = kernel.apply(ApplyRequest.of(checkout, user, "cart", "TABS"));
                            r.decision().rejected().forEach(x -> seen.add(x.reason()));
                            kernel.release(CheckoutId.of(checkout), UserId.of(user), "tab closed", Actor.CHECKOUT);
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : tabs) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("exceptions from the tabs").isEmpty();
        assertThat(seen).isSubsetOf(EnumSet.of(RejectionReason.USER_LIMIT_REACHED));
        assertThat(storage.consistency().problems()).isEmpty();
    }
}
