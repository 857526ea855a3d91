package dev.couponkernel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two application instances on one PostgreSQL database, each with its own scheduled sweep and
 * relay: checkouts from both never oversell the coupon, every event is heard once across the two,
 * and every expired lock is released once.
 */
class ManyInstancesTest {

    private static final Actor ACTOR = Actor.of("test:nodes");

    @Test
    void twoInstancesShareTheSweepAndTheRelayWithoutDoublingAnything() throws Exception {
        String url = Shop.postgresUrl();
        ApplicationContextRunner node = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, CouponKernelAutoConfiguration.class))
                .withUserConfiguration(Shop.class)
                .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres",
                        "couponkernel.lock-ttl=2s", "couponkernel.sweep.interval=50ms", "couponkernel.relay.interval=20ms",
                        "couponkernel.relay-after-command=0", "couponkernel.fraud.enabled=false");
        node.run(first -> node.run(second -> {
            CouponKernel a = first.getBean(CouponKernel.class);
            CouponKernel b = second.getBean(CouponKernel.class);
            CouponRecord coupon = a.create(CouponDefinition.builder("NODES").percentOff(10)
                    .limits(UsageLimits.of(20, 1)).build(), ACTOR);
            a.activate(coupon.id(), ACTOR);

            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> applies = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                CouponKernel kernel = i % 2 == 0 ? a : b;
                String n = Integer.toString(i);
                applies.add(pool.submit(() -> kernel.apply(ApplyRequest.of("co-" + n, "u-" + n, "cart-" + n, "NODES"))
                        .usages().size()));
            }
            int locked = 0;
            for (Future<Integer> f : applies) {
                locked += f.get();
            }
            pool.shutdown();
            assertThat(locked).as("no oversell across instances").isEqualTo(20);

            // every lock expires and is released once; every event is heard once across the two instances
            JdbcCouponStorage storage = JdbcCouponStorage.on(first.getBean(DataSource.class));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(storage.ledger().count(coupon.id(), UserId.of("u-0")).total()).isZero();
                assertThat(storage.outbox().pending(10)).isEmpty();
            });
            CouponKernelSchedule s1 = first.getBean(CouponKernelSchedule.class);
            CouponKernelSchedule s2 = second.getBean(CouponKernelSchedule.class);
            assertThat(s1.releasedLocks() + s2.releasedLocks()).isEqualTo(20);
            List<EventEnvelope> heard = new ArrayList<>(first.getBean(Shop.Heard.class).events);
            heard.addAll(second.getBean(Shop.Heard.class).events);
            assertThat(heard).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
            assertThat(heard).filteredOn(e -> e.event() instanceof CouponApplied).hasSize(20);
            assertThat(heard).filteredOn(e -> e.event() instanceof CouponReleased).hasSize(20);
            assertThat(s1.publishedEvents() + s2.publishedEvents()).isEqualTo(heard.size());
            assertThat(storage.consistency().problems()).isEmpty();
            assertThat(a.verifyAuditTrail(coupon.id()).isIntact()).isTrue();
        }));
    }
}
