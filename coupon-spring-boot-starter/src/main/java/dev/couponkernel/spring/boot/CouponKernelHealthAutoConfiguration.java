package dev.couponkernel.spring.boot;

import dev.couponkernel.spi.store.CouponStorage;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot's health support (Actuator) and a kernel's storage: the {@code couponkernel}
 * health indicator. Off with {@code management.health.couponkernel.enabled=false}.
 */
@AutoConfiguration(after = CouponKernelAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CouponStorage.class)
@ConditionalOnEnabledHealthIndicator("couponkernel")
public class CouponKernelHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring does. */
    public CouponKernelHealthAutoConfiguration() {}

    /**
     * @param storage the storage
     * @param consistency the scheduled consistency check, if any
     * @param properties the settings
     * @return the health indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "couponkernelHealthIndicator")
    public CouponKernelHealthIndicator couponkernelHealthIndicator(CouponStorage storage,
            ObjectProvider<ConsistencyWatch> consistency, CouponKernelProperties properties) {
        return new CouponKernelHealthIndicator(storage, Optional.ofNullable(consistency.getIfAvailable()),
                properties.getHealth());
    }
}
