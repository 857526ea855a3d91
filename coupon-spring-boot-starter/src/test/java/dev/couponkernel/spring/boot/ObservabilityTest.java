package dev.couponkernel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With Spring Boot Actuator's metrics and observations: the starter's kernel is observed (timers by
 * command and outcome in the application's meter registry, observations in its observation
 * registry), fraud verdicts, retries, the cache and the backlog are meters, and the {@code
 * couponkernel} health indicator reports the storage, the backlog and the last consistency check,
 * going DOWN when the relay falls behind or the check finds a problem.
 */
class ObservabilityTest {

    private static final Actor ACTOR = Actor.of("test:observability");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    ObservationAutoConfiguration.class, CouponKernelAutoConfiguration.class,
                    CouponKernelHealthAutoConfiguration.class))
            .withUserConfiguration(Shop.class)
            .withPropertyValues("spring.datasource.url=" + Shop.h2Url(), "couponkernel.relay-after-command=0",
                    "couponkernel.relay.enabled=false", "couponkernel.metrics.backlog-refresh=0s");

    @Test
    void theKernelIsMeteredAndObserved() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            CouponKernel kernel = context.getBean(CouponKernel.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            CouponRecord coupon = kernel.create(CouponDefinition.builder("METER10").percentOff(10).build(), ACTOR);
            kernel.activate(coupon.id(), ACTOR);
            kernel.validate(ValidateRequest.of("u-1", "cart-1", "METER10"));
            kernel.validate(ValidateRequest.of("u-1", "cart-1", "NOSUCH1"));
            kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "METER10"));

            assertThat(meters.get("couponkernel.command").tag("command", "validate").tag("outcome", "applied").timer().count())
                    .isEqualTo(1);
            assertThat(meters.get("couponkernel.command").tag("command", "apply").tag("outcome", "locked").timer().count())
                    .isEqualTo(1);
            assertThat(meters.get("couponkernel.rejections").tag("reason", "UNKNOWN_CODE").counter().count()).isEqualTo(1);
            assertThat(meters.get("couponkernel.fraud.verdicts").tag("decision", "allow").counter().count()).isEqualTo(3);
            assertThat(meters.get("cache.gets").tag("cache", "couponkernel.validation").tag("result", "miss")
                    .functionCounter().count()).isPositive();
            assertThat(meters.get("couponkernel.outbox.pending").gauge().value()).isEqualTo(3);
            // the retry policy hears the metrics' listener
            assertThat(context.getBean(RetryPolicy.class).listener()).isNotEqualTo(dev.couponkernel.jdbc.RetryListener.NONE);
        });
    }

    @Test
    void commandsAreObservationsInTheApplicationsRegistry() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CouponKernelAutoConfiguration.class))
                .withUserConfiguration(Shop.class)
                .withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
                .withPropertyValues("spring.datasource.url=" + Shop.h2Url())
                .run(context -> {
                    context.getBean(CouponKernel.class).create(CouponDefinition.builder("TRACE10").percentOff(10).build(), ACTOR);
                    TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("couponkernel.command")
                            .that().hasLowCardinalityKeyValue("command", "create").hasLowCardinalityKeyValue("outcome", "ok");
                });
    }

    @Test
    void theHealthIndicatorReportsTheBacklogAndTheConsistencyCheck() {
        runner.withPropertyValues("couponkernel.health.max-relay-lag=1s", "couponkernel.consistency.interval=1h").run(context -> {
            CouponKernel kernel = context.getBean(CouponKernel.class);
            CouponKernelHealthIndicator health = context.getBean(CouponKernelHealthIndicator.class);
            Health empty = health.health(true);
            assertThat(empty.getStatus()).isEqualTo(Status.UP);
            assertThat(empty.getDetails()).containsEntry("storage", "JdbcCouponStorage").containsEntry("pendingEvents", 0L)
                    .containsEntry("consistencyCheckAt", "not run yet");

            kernel.create(CouponDefinition.builder("LAG10").percentOff(10).build(), ACTOR);
            Thread.sleep(1_100); // the pending event outwaits the 1 s the settings allow the relay
            Health behind = health.health(true);
            assertThat(behind.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) behind.getDetails().get("reason")).contains("couponkernel.health.max-relay-lag");
            kernel.publishPendingEvents();
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

            ConsistencyWatch watch = context.getBean(ConsistencyWatch.class);
            assertThat(watch.check().healthy()).isTrue();
            assertThat(health.health(true).getDetails()).containsEntry("consistencyProblems", 0);
            // a counter changed behind the ledger's back: the next check finds it, and the indicator goes DOWN
            try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE coupon_counter SET used = used + 1");
            }
            assertThat(watch.check().problems()).isNotEmpty();
            Health broken = health.health(true);
            assertThat(broken.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) broken.getDetails().get("reason")).startsWith("the consistency check found");
        });
    }

    @Test
    void anUnreachableStorageIsDown() {
        runner.run(context -> {
            try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE coupon_outbox CASCADE");
            }
            Health down = context.getBean(CouponKernelHealthIndicator.class).health(true);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsKey("error");
            Map<String, Object> details = down.getDetails();
            assertThat(details.toString()).doesNotContain("SELECT").doesNotContain("COUPON_OUTBOX");
        });
    }

}
