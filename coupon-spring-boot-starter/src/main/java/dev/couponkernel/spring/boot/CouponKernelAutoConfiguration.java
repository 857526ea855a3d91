package dev.couponkernel.spring.boot;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.eligibility.EligibilityCondition;
import dev.couponkernel.core.eligibility.EligibilityPolicy;
import dev.couponkernel.core.pricing.DiscountKind;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.fraud.FraudThresholds;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.RetryEvent;
import dev.couponkernel.jdbc.RetryListener;
import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.micrometer.CouponKernelMetrics;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.store.CouponStorage;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Configures a {@link CouponKernel} on the application's {@code DataSource} (or, with {@code
 * couponkernel.storage=jpa}, its {@code EntityManagerFactory}): the kernel's schema through Flyway,
 * the storage joined to Spring-managed transactions, the host's {@link CartSource}, {@link
 * CustomerDirectory}, {@link EventPublisher}, {@link EligibilityPolicy}, {@link DiscountKind}, {@link
 * EligibilityCondition}, {@link
 * FraudSignalProvider} and {@link Clock} beans, the fraud guard, and the scheduled expiry sweep and
 * outbox relay. Every bean backs off when the application defines its own of the same type. See
 * {@code docs/spring.md}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(CouponKernel.class)
@ConditionalOnBooleanProperty(name = "couponkernel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CouponKernelProperties.class)
@Import({CouponKernelJpaConfiguration.class, CouponKernelMetricsConfiguration.class})
public class CouponKernelAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CouponKernelAutoConfiguration.class);

    /** Creates the auto-configuration; Spring does. */
    public CouponKernelAutoConfiguration() {}

    /**
     * @param dataSource the application's data source
     * @param properties the settings
     * @return the kernel's schema, installed or upgraded
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    public CouponKernelSchema couponKernelSchema(DataSource dataSource, CouponKernelProperties properties) {
        return CouponKernelSchema.install(dataSource, properties.getSchema());
    }

    /**
     * @param properties the settings
     * @param listeners retry listeners (a metrics module's, the host's)
     * @return how a transaction that lost a race is run again
     */
    @Bean
    @ConditionalOnMissingBean
    public RetryPolicy couponKernelRetryPolicy(CouponKernelProperties properties, ObjectProvider<RetryListener> listeners) {
        CouponKernelProperties.Retry r = properties.getRetry();
        RetryPolicy.Builder b = RetryPolicy.builder();
        if (r.getMaxAttempts() != null) {
            b.maxAttempts(r.getMaxAttempts());
        }
        if (r.getFirstBackOff() != null || r.getLongestBackOff() != null) {
            RetryPolicy defaults = RetryPolicy.defaults();
            b.backOff(r.getFirstBackOff() != null ? r.getFirstBackOff() : defaults.firstBackOff(),
                    r.getLongestBackOff() != null ? r.getLongestBackOff() : defaults.longestBackOff());
        }
        if (r.getMultiplier() != null) {
            b.multiplier(r.getMultiplier());
        }
        if (r.getJitter() != null) {
            b.jitter(r.getJitter());
        }
        List<RetryListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            b.listener(all.size() == 1 ? all.get(0) : new RetryListeners(all));
        }
        return b.build();
    }

    /**
     * The JDBC storage, joined to Spring-managed transactions on the same data source.
     *
     * @param dataSource the application's data source
     * @param schema the installed schema (so the storage starts after it)
     * @param properties the settings
     * @param retry the retry policy
     * @return the storage
     */
    @Bean
    @ConditionalOnMissingBean(CouponStorage.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnProperty(name = "couponkernel.storage", havingValue = "jdbc", matchIfMissing = true)
    public JdbcCouponStorage couponKernelStorage(DataSource dataSource, CouponKernelSchema schema,
            CouponKernelProperties properties, RetryPolicy retry) {
        CouponKernelProperties.Jdbc j = properties.getJdbc();
        JdbcCouponStorage.Builder b = JdbcCouponStorage.builder(dataSource).retryPolicy(retry);
        if (j.getStatementTimeout() != null) {
            b.statementTimeout(j.getStatementTimeout());
        }
        if (j.getValidationCacheTtl() != null) {
            b.validationCacheTtl(j.getValidationCacheTtl());
        }
        if (j.getValidationCacheSize() != null) {
            b.validationCacheSize(j.getValidationCacheSize());
        }
        if (j.getCombineConcurrentWrites() != null) {
            b.combineConcurrentWrites(j.getCombineConcurrentWrites());
        }
        if (properties.isJoinTransactions()) {
            b.joinTransactions(() -> springTransactionConnection(dataSource));
        }
        return b.build();
    }

    /** The connection of the Spring-managed transaction on this thread and data source, or null. */
    private static Connection springTransactionConnection(DataSource dataSource) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.getResource(dataSource) == null) {
            return null;
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    /**
     * The fraud guard on the storage's attempt log, with the standard signals and the host's providers.
     *
     * @param storage the storage
     * @param properties the settings
     * @param providers the host's fraud signal providers
     * @param metrics the kernel's metrics, when the application has a meter registry
     * @return the guard
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CouponStorage.class)
    @ConditionalOnBooleanProperty(name = "couponkernel.fraud.enabled", matchIfMissing = true)
    public FraudGuard couponKernelFraudGuard(CouponStorage storage, CouponKernelProperties properties,
            ObjectProvider<FraudSignalProvider> providers, ObjectProvider<CouponKernelMetrics> metrics) {
        AttemptLog attempts = attemptLogOf(storage);
        CouponKernelProperties.Fraud f = properties.getFraud();
        FraudGuard.Builder b = FraudGuard.builder(attempts);
        if (f.isStandardProviders()) {
            b.standardProviders();
        }
        providers.orderedStream().forEach(b::provider);
        if (f.getReviewFrom() != null || f.getBlockFrom() != null) {
            b.thresholds(FraudThresholds.of(
                    f.getReviewFrom() != null ? f.getReviewFrom() : FraudThresholds.DEFAULT.review().value(),
                    f.getBlockFrom() != null ? f.getBlockFrom() : FraudThresholds.DEFAULT.block().value()));
        }
        if (f.getFailureScore() != null) {
            b.failureScore(f.getFailureScore());
        }
        metrics.ifAvailable(m -> b.listener(m.fraudVerdicts()));
        return b.build();
    }

    private static AttemptLog attemptLogOf(CouponStorage storage) {
        if (storage instanceof JdbcCouponStorage jdbc) {
            return jdbc.attempts();
        }
        Optional<AttemptLog> jpa = ClassUtils.isPresent("dev.couponkernel.jpa.JpaCouponStorage",
                CouponKernelAutoConfiguration.class.getClassLoader())
                ? CouponKernelJpaConfiguration.attemptLogOf(storage) : Optional.empty();
        return jpa.orElseThrow(() -> new IllegalStateException("the CouponStorage bean (" + storage.getClass().getName()
                + ") has no attempt log the starter knows: define a FraudGuard bean, or set couponkernel.fraud.enabled=false"));
    }

    /**
     * Events go to the application's listeners ({@code @EventListener} of {@code EventEnvelope})
     * unless the host defines its own publisher.
     *
     * @param publisher Spring's event publisher
     * @return the kernel's event publisher
     */
    @Bean
    @ConditionalOnMissingBean
    public EventPublisher couponKernelEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringEventPublisher(publisher);
    }

    /**
     * @param storage the storage
     * @param events the event publisher
     * @param carts the host's carts
     * @param customers the host's customers
     * @param policies the host's extra eligibility policies, each asked in turn
     * @param clock the host's clock, if any
     * @param fraud the fraud guard, if enabled
     * @param properties the settings
     * @param metrics the kernel's metrics, when the application has a meter registry
     * @param kinds the host's discount kinds
     * @param conditions the host's eligibility conditions
     * @return the kernel, observed when there are metrics
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CouponStorage.class)
    public CouponKernel couponKernel(CouponStorage storage, EventPublisher events, ObjectProvider<CartSource> carts,
            ObjectProvider<CustomerDirectory> customers, ObjectProvider<EligibilityPolicy> policies,
            ObjectProvider<Clock> clock, ObjectProvider<FraudGuard> fraud, CouponKernelProperties properties,
            ObjectProvider<CouponKernelMetrics> metrics, ObjectProvider<DiscountKind> kinds,
            ObjectProvider<EligibilityCondition> conditions) {
        CouponKernel.Builder b = CouponKernel.builder().storage(storage).events(events);
        kinds.orderedStream().forEach(b::discountKind);              // the host's discount kinds, by name
        conditions.orderedStream().forEach(b::eligibilityCondition); // and its eligibility conditions
        CartSource cartSource = carts.getIfUnique();
        if (cartSource == null) {
            LOG.warn("no CartSource bean: the kernel knows no cart, so validate and apply refuse every request;"
                    + " define a bean that reads the shop's carts");
            cartSource = id -> Optional.empty();
        }
        CustomerDirectory directory = customers.getIfUnique();
        if (directory == null) {
            LOG.warn("no CustomerDirectory bean: the kernel knows no customer, so validate and apply refuse every"
                    + " request; define a bean that reads the shop's customers");
            directory = id -> Optional.empty();
        }
        b.carts(cartSource).customers(directory);
        policies.orderedStream().forEach(b::extraPolicy);   // every one is asked, in @Order
        Clock c = clock.getIfUnique();
        if (c != null) {
            b.clock(c);
        }
        FraudGuard guard = fraud.getIfAvailable();
        if (guard != null) {
            b.fraudGuard(guard);
        }
        if (properties.getLockTtl() != null) {
            b.lockTtl(properties.getLockTtl());
        }
        if (properties.getMaxCouponsPerCheckout() != null) {
            b.maxCouponsPerCheckout(properties.getMaxCouponsPerCheckout());
        }
        if (properties.getStackingSelection() != null) {
            b.stackingSelection(properties.getStackingSelection());
        }
        if (properties.getMaxCodesPerRequest() != null) {
            b.maxCodesPerRequest(properties.getMaxCodesPerRequest());
        }
        if (properties.getRelayAfterCommand() != null) {
            b.relayAfterCommand(properties.getRelayAfterCommand());
        }
        CouponKernel kernel = b.build();
        CouponKernelMetrics m = metrics.getIfAvailable();
        return m == null ? kernel : m.instrument(kernel);
    }

    /**
     * @param kernel the kernel
     * @param properties the settings
     * @param consistency the consistency check, on the JDBC storage
     * @return the scheduled expiry sweep and outbox relay of this instance
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CouponKernel.class)
    public CouponKernelSchedule couponKernelSchedule(CouponKernel kernel, CouponKernelProperties properties,
            ObjectProvider<ConsistencyWatch> consistency) {
        return new CouponKernelSchedule(kernel, properties.getSweep(), properties.getRelay(), consistency.getIfAvailable(),
                properties.getConsistency().getInterval());
    }

    /**
     * @param storage the JDBC storage
     * @param clock the host's clock, if any
     * @return the consistency check the schedule runs and the health indicator reports
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcCouponStorage.class)
    public ConsistencyWatch couponKernelConsistencyWatch(JdbcCouponStorage storage, ObjectProvider<Clock> clock) {
        return new ConsistencyWatch(storage, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Several retry listeners heard in turn. */
    private record RetryListeners(List<RetryListener> all) implements RetryListener {
        @Override
        public void retrying(RetryEvent event) {
            all.forEach(l -> l.retrying(event));
        }

        @Override
        public void gaveUp(RetryEvent event) {
            all.forEach(l -> l.gaveUp(event));
        }
    }
}
