package dev.couponkernel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jpa.JpaCouponStorage;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UserId;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code couponkernel.storage=jpa} with Spring Boot's Hibernate auto-configuration: the kernel runs
 * on the application's EntityManagerFactory (the kernel's entities added to its scan), its commands
 * join the JpaTransactionManager's transactions, on H2 and the embedded PostgreSQL.
 */
class JpaStorageTest {

    private static final Actor ACTOR = Actor.of("test:spring-jpa");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theKernelRunsOnTheApplicationsPersistenceUnitAndJoinsItsTransactions(String database) {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        CouponKernelAutoConfiguration.class))
                .withUserConfiguration(Shop.class)
                .withPropertyValues("couponkernel.storage=jpa", "spring.jpa.hibernate.ddl-auto=none");
        runner = database.equals("h2")
                ? runner.withPropertyValues("spring.datasource.url=" + Shop.h2Url())
                : runner.withPropertyValues("spring.datasource.url=" + Shop.postgresUrl(), "spring.datasource.username=postgres");
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JpaCouponStorage.class).doesNotHaveBean(JdbcCouponStorage.class)
                    .hasSingleBean(FraudGuard.class);
            assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
            CouponKernel kernel = context.getBean(CouponKernel.class);
            DataSource ds = context.getBean(DataSource.class);
            CouponRecord coupon = kernel.create(CouponDefinition.builder("JPA10").percentOff(10).build(), ACTOR);
            kernel.activate(coupon.id(), ACTOR);

            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            tx.executeWithoutResult(status -> {
                assertThat(kernel.apply(ApplyRequest.of("co-rb", "u-1", "cart-1", "JPA10")).usages()).hasSize(1);
                status.setRollbackOnly();
            });
            assertThat(CouponKernelAutoConfigurationTest.count(ds, "SELECT COUNT(*) FROM coupon_usage")).isZero();

            tx.executeWithoutResult(status ->
                    assertThat(kernel.apply(ApplyRequest.of("co-ok", "u-1", "cart-1", "JPA10")).usages()).hasSize(1));
            assertThat(kernel.redeem(CheckoutId.of("co-ok"), UserId.of("u-1"), OrderId.of("o-1"), ACTOR).status())
                    .isEqualTo(RedeemResult.Status.REDEEMED);
            JdbcCouponStorage jdbc = JdbcCouponStorage.on(ds);
            assertThat(jdbc.ledger().usagesOf(CheckoutId.of("co-ok"))).hasSize(1);
            assertThat(jdbc.consistency().problems()).isEmpty();
            assertThat(kernel.verifyAuditTrail(coupon.id()).isIntact()).isTrue();
        });
    }
}
