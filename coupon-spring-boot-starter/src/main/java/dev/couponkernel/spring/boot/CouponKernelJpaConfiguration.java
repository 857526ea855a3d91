package dev.couponkernel.spring.boot;

import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.jpa.CouponEntities;
import dev.couponkernel.jpa.JpaCouponStorage;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.store.CouponStorage;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * With {@code couponkernel.storage=jpa}: the JPA storage on the application's {@code
 * EntityManagerFactory}, joined to Spring-managed transactions. The kernel's entities are added to
 * the packages Spring Boot scans for entities; an application with its own {@code @EntityScan} lists
 * {@code dev.couponkernel.jpa.entity} there. The schema is the JDBC one, installed the same way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({JpaCouponStorage.class, EntityManagerFactory.class, EntityManagerFactoryUtils.class})
@ConditionalOnProperty(name = "couponkernel.storage", havingValue = "jpa")
@Import(CouponKernelJpaConfiguration.EntityPackage.class)
class CouponKernelJpaConfiguration {

    /**
     * @param factory the application's entity manager factory
     * @param schema the installed schema (so the storage starts after it)
     * @param properties the settings
     * @param retry the retry policy
     * @return the storage
     */
    @Bean
    @ConditionalOnMissingBean(CouponStorage.class)
    JpaCouponStorage couponKernelStorage(EntityManagerFactory factory, CouponKernelSchema schema,
            CouponKernelProperties properties, RetryPolicy retry) {
        for (Class<?> entity : CouponEntities.classes()) {
            try {
                factory.getMetamodel().entity(entity);
            } catch (IllegalArgumentException missing) {
                throw new IllegalStateException("the EntityManagerFactory does not hold the kernel's entity " + entity.getName()
                        + ": add dev.couponkernel.jpa.entity to the application's @EntityScan", missing);
            }
        }
        JpaCouponStorage.Builder b = JpaCouponStorage.builder(factory).retryPolicy(retry);
        if (properties.isJoinTransactions()) {
            b.joinTransactions(() -> EntityManagerFactoryUtils.getTransactionalEntityManager(factory));
        }
        return b.build();
    }

    static Optional<AttemptLog> attemptLogOf(CouponStorage storage) {
        return storage instanceof JpaCouponStorage jpa ? Optional.of(jpa.attempts()) : Optional.empty();
    }

    /** Adds the kernel's entity package to the packages Spring Boot scans for entities. */
    static class EntityPackage implements ImportBeanDefinitionRegistrar {
        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AutoConfigurationPackages.register(registry, CouponEntities.class.getPackageName() + ".entity");
        }
    }
}
