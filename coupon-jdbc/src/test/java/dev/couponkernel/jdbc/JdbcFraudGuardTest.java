package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.fraud.AutoSuspend;
import dev.couponkernel.core.fraud.CouponFraudRules;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel's fraud flows on the JDBC storage and the JDBC attempt log, on H2 and PostgreSQL: the
 * attacks of the in-memory simulations give the same decisions, the refusals and alerts are audited
 * and relayed through the outbox, the auto-suspension is stored, and the consistency check and the audit
 * chain stay clean.
 */
class JdbcFraudGuardTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2Memory),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgres));
    }

    /** A clock the test moves. */
    private static final class Steps extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void fiftyAccountsOnOneDeviceAndABotAreStoppedOnJdbc(String name, Supplier<DataSource> database) {
        JdbcCouponStorage storage = JdbcCouponStorage.on(database.get());
        Steps clock = new Steps();
        List<CouponEvent> published = new CopyOnWriteArrayList<>();
        Cart cart = Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"));
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(cart))
                .customers(id -> Optional.of(Customer.of(id.value(), clock.instant().minus(Duration.ofDays(90)), 3)))
                .events(e -> published.add(e.event()))
                .clock(clock)
                .fraudGuard(FraudGuard.builder(storage.attempts()).standardProviders()
                        .couponRules("SAVE10", CouponFraudRules.NONE.withAutoSuspend(AutoSuspend.after(Duration.ofMinutes(10), 10, 50)))
                        .build())
                .build();
        CouponRecord save = kernel.activate(kernel.create(CouponDefinition.builder("SAVE10").percentOff(10)
                .limits(UsageLimits.of(1000, 1)).build(), Actor.of("staff:test")).id(), Actor.of("staff:test"));

        List<FraudDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ApplyResult r = kernel.apply(ApplyRequest.of("chk-" + i, "u-" + i, "cart", "SAVE10")
                    .withClient(ClientInfo.of("farm-phone", "198.51.100." + i, "card-" + i)));
            decisions.add(r.fraud().get(0).decision());
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(decisions.subList(0, 3)).containsExactly(FraudDecision.ALLOW, FraudDecision.ALLOW, FraudDecision.REVIEW);
        assertThat(decisions.subList(3, 20)).containsOnly(FraudDecision.BLOCK);
        // one device is one subject, however many accounts: the coupon is not suspended
        assertThat(kernel.findByCode("SAVE10").orElseThrow().status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(storage.ledger().count(save.id(), UserId.of("u-1")).total()).isEqualTo(3);

        // a bot guessing codes from its own device, then trying a valid one
        ClientInfo bot = ClientInfo.of("bot", "203.0.113.7", null);
        for (int i = 1; i <= 5; i++) {
            kernel.validate(ValidateRequest.of("b-" + i, "cart", "GUESS" + i).withClient(bot));
            clock.advance(Duration.ofSeconds(3));
        }
        assertThat(kernel.validate(ValidateRequest.of("b-9", "cart", "SAVE10").withClient(bot)).rejected())
                .singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.SUSPECTED_FRAUD));

        assertThat(published.stream().filter(CouponRejected.class::isInstance).count()).isEqualTo(18);
        assertThat(published).noneMatch(e -> e instanceof CouponDisabled || e instanceof CouponSuspended);
        assertThat(published).filteredOn(SecurityAlertRaised.class::isInstance).extracting(e -> ((SecurityAlertRaised) e).level().name())
                .containsExactly("REVIEW", "BLOCK");
        assertThat(storage.outbox().pending(10)).isEmpty();
        assertThat(kernel.verifyAuditTrail(save.id()).isIntact()).isTrue();
        assertThat(storage.consistency().problems()).isEmpty();
    }

    /**
     * 32 threads at once on one coupon with the guard on: farms of accounts on shared phones, bots
     * guessing codes, honest customers; the auto-suspension races the locks and the other blocks. No
     * exception reaches a caller, the coupon is suspended exactly once, nothing blocked holds a use, the
     * limits hold, and the consistency check and the audit chain stay clean.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theGuardUnderConcurrentAttemptsKeepsEveryInvariant(String name, Supplier<DataSource> database) throws Exception {
        JdbcCouponStorage storage = JdbcCouponStorage.on(database.get());
        Cart cart = Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"));
        List<CouponEvent> published = new CopyOnWriteArrayList<>();
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(cart))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .events(e -> published.add(e.event()))
                .fraudGuard(FraudGuard.builder(storage.attempts()).standardProviders()
                        .couponRules("RUSH", CouponFraudRules.NONE.withAutoSuspend(AutoSuspend.after(Duration.ofMinutes(10), 12, 10)))
                        .build())
                .build();
        CouponRecord rush = kernel.activate(kernel.create(CouponDefinition.builder("RUSH").percentOff(10)
                .limits(UsageLimits.of(150, 1)).build(), Actor.of("staff:test")).id(), Actor.of("staff:test"));

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ApplyResult>> results = new ArrayList<>();
        List<java.util.concurrent.Future<?>> bots = new ArrayList<>();
        try {
            for (int i = 0; i < 240; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    // two thirds from 25 farm phones (each on its own address), a third honest customers on
                    // their own phones: up to 25 + 4 distinct abusive subjects, well above the rule (12 subjects, 10%)
                    ClientInfo client = n % 3 == 0 ? ClientInfo.of("own-" + n, "198.51.100." + (n % 250), null)
                            : ClientInfo.of("farm-" + (n % 25), "203.0.113." + (n % 25), "card-" + n);
                    return kernel.apply(ApplyRequest.of("rush-" + n, "c-" + n, "cart", "RUSH").withClient(client));
                }));
            }
            for (int b = 0; b < 4; b++) {
                int bot = b;
                bots.add(pool.submit(() -> {
                    start.await();
                    for (int g = 0; g < 10; g++) {
                        kernel.validate(ValidateRequest.of("bot-" + bot + "-" + g, "cart", "GUESS" + bot + g)
                                .withClient(ClientInfo.of("bot-" + bot, "192.0.2." + bot, null)));
                    }
                    return kernel.validate(ValidateRequest.of("bot-" + bot, "cart", "RUSH")
                            .withClient(ClientInfo.of("bot-" + bot, "192.0.2." + bot, null)));
                }));
            }
            start.countDown();
            int locked = 0;
            for (java.util.concurrent.Future<ApplyResult> f : results) {
                ApplyResult r = f.get(120, java.util.concurrent.TimeUnit.SECONDS); // an exception here fails the test
                if (r.fraud().get(0).blocked()) {
                    assertThat(r.usages()).as("a blocked attempt holds no use").isEmpty();
                }
                locked += r.usages().size();
            }
            for (java.util.concurrent.Future<?> f : bots) {
                f.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(locked).isLessThanOrEqualTo(150);
            assertThat(storage.ledger().count(rush.id(), UserId.of("c-0")).total()).isEqualTo(locked);
        } finally {
            pool.shutdownNow();
        }
        kernel.publishPendingEvents();
        assertThat(published.stream().filter(CouponSuspended.class::isInstance).count()).isEqualTo(1);
        assertThat(published).noneMatch(CouponDisabled.class::isInstance);
        assertThat(kernel.findByCode("RUSH").orElseThrow().status()).isEqualTo(CouponStatus.SUSPENDED);
        assertThat(published.stream().filter(CouponRejected.class::isInstance).count()).isGreaterThanOrEqualTo(20);
        assertThat(kernel.verifyAuditTrail(rush.id()).isIntact()).isTrue();
        assertThat(storage.consistency().problems()).isEmpty();
        assertThat(storage.outbox().pending(10)).isEmpty();
    }
}
