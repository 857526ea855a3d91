package dev.couponkernel.spring.boot;

import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.RetryListener;
import dev.couponkernel.micrometer.CouponKernelMetrics;
import dev.couponkernel.micrometer.JdbcStorageMetrics;
import dev.couponkernel.spi.store.CouponStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With a Micrometer {@code MeterRegistry} (Spring Boot Actuator): the kernel instrumented through
 * coupon-micrometer, its commands observed in the application's {@code ObservationRegistry} (timers
 * and, with a tracer, spans), fraud verdicts and retries counted, and the JDBC storage's meters
 * bound. {@code couponkernel.metrics.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({MeterRegistry.class, CouponKernelMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "couponkernel.metrics.enabled", matchIfMissing = true)
class CouponKernelMetricsConfiguration {

    /**
     * @param meters the application's meter registry
     * @param observations the application's observation registry, if any
     * @return the kernel's metrics
     */
    @Bean
    @ConditionalOnMissingBean
    CouponKernelMetrics couponKernelMetrics(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable();
        return registry == null ? CouponKernelMetrics.of(meters) : CouponKernelMetrics.of(meters, registry);
    }

    /**
     * @param meters the application's meter registry
     * @return the retry counter, which the retry policy picks up
     */
    @Bean
    RetryListener couponKernelRetryMetrics(MeterRegistry meters) {
        return JdbcStorageMetrics.retries(meters);
    }

    /**
     * @param storage the storage
     * @param properties the settings
     * @return the JDBC storage's meters (nothing for another storage)
     */
    @Bean
    MeterBinder couponKernelStorageMetrics(ObjectProvider<CouponStorage> storage, CouponKernelProperties properties) {
        return registry -> {
            if (storage.getIfAvailable() instanceof JdbcCouponStorage jdbc) {
                new JdbcStorageMetrics(jdbc, properties.getMetrics().getBacklogRefresh()).bindTo(registry);
            }
        };
    }
}
