package dev.couponkernel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The auto-configuration with Spring Boot's own DataSource auto-configuration, on H2 and on the
 * embedded PostgreSQL: a context with a data source and the host's carts and customers has a
 * kernel that prices, locks and redeems, its schema migrated by Flyway into a history table of its
 * own, its commands in the application's transactions, its events heard by Spring listeners, its
 * sweep and relay running; every bean backs off for the host's own; settings bind and bad ones fail
 * the start naming the setting.
 */
class CouponKernelAutoConfigurationTest {

    private static final Actor ACTOR = Actor.of("test:spring");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, CouponKernelAutoConfiguration.class))
            .withUserConfiguration(Shop.class);

    private ApplicationContextRunner on(String database) {
        return database.equals("h2")
                ? runner.withPropertyValues("spring.datasource.url=" + Shop.h2Url())
                : runner.withPropertyValues("spring.datasource.url=" + Shop.postgresUrl(), "spring.datasource.username=postgres");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDataSourceAndTheShopsPortsGiveAKernelThatPricesLocksAndRedeems(String database) {
        on(database).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(CouponKernel.class).hasSingleBean(JdbcCouponStorage.class)
                    .hasSingleBean(FraudGuard.class).hasSingleBean(CouponKernelSchedule.class);
            CouponKernel kernel = context.getBean(CouponKernel.class);
            CouponRecord coupon = kernel.create(CouponDefinition.builder("SPRING10").percentOff(10)
                    .limits(UsageLimits.of(100, 1)).build(), ACTOR);
            kernel.activate(coupon.id(), ACTOR);

            PricingDecision priced = kernel.validate(ValidateRequest.of("u-1", "cart-1", "SPRING10"));
            assertThat(priced.totalDiscount()).isEqualTo(Money.of("6.00", "EUR"));
            ApplyResult applied = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "SPRING10"));
            assertThat(applied.usages()).hasSize(1);
            RedeemResult redeemed = kernel.redeem(CheckoutId.of("co-1"), UserId.of("u-1"), OrderId.of("o-1"), ACTOR);
            assertThat(redeemed.status()).isEqualTo(RedeemResult.Status.REDEEMED);

            // the schema came from Flyway, recorded apart from the host's own migrations
            DataSource ds = context.getBean(DataSource.class);
            assertThat(count(ds, "SELECT COUNT(*) FROM \"coupon_kernel_schema_history\" WHERE \"success\" = TRUE"))
                    .isGreaterThanOrEqualTo(4);
            assertThat(context.getBean(CouponKernelSchema.class).mode()).isEqualTo(CouponKernelProperties.SchemaMode.FLYWAY);

            // the events reach the application's @EventListener, in order, once each
            Shop.Heard heard = context.getBean(Shop.Heard.class);
            kernel.publishPendingEvents();
            assertThat(heard.events).extracting(e -> e.event().getClass().getSimpleName())
                    .containsSubsequence("CouponCreated", "CouponActivated", "CouponApplied", "CouponRedeemed");
            assertThat(heard.events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
            assertThat(context.getBean(JdbcCouponStorage.class).consistency().problems()).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void commandsJoinTheApplicationsTransaction(String database) {
        on(database).run(context -> {
            CouponKernel kernel = context.getBean(CouponKernel.class);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            DataSource ds = context.getBean(DataSource.class);
            CouponRecord coupon = kernel.create(CouponDefinition.builder("JOIN10").percentOff(10).build(), ACTOR);
            kernel.activate(coupon.id(), ACTOR);

            // rolled back with the host's transaction: no usage, no audit entry, no event
            long audit = count(ds, "SELECT COUNT(*) FROM coupon_audit");
            long outbox = count(ds, "SELECT COUNT(*) FROM coupon_outbox");
            tx.executeWithoutResult(status -> {
                assertThat(kernel.apply(ApplyRequest.of("co-rb", "u-1", "cart-1", "JOIN10")).usages()).hasSize(1);
                status.setRollbackOnly();
            });
            assertThat(count(ds, "SELECT COUNT(*) FROM coupon_usage")).isZero();
            assertThat(count(ds, "SELECT COUNT(*) FROM coupon_audit")).isEqualTo(audit);
            assertThat(count(ds, "SELECT COUNT(*) FROM coupon_outbox")).isEqualTo(outbox);

            // committed with it
            tx.executeWithoutResult(status ->
                    assertThat(kernel.apply(ApplyRequest.of("co-ok", "u-1", "cart-1", "JOIN10")).usages()).hasSize(1));
            assertThat(count(ds, "SELECT COUNT(*) FROM coupon_usage")).isEqualTo(1);
            assertThat(context.getBean(JdbcCouponStorage.class).consistency().problems()).isEmpty();
            assertThat(kernel.verifyAuditTrail(coupon.id()).isIntact()).isTrue();
        });
    }

    @Test
    void withoutJoiningACommandCommitsOnItsOwnInsideATransaction() {
        on("h2").withPropertyValues("couponkernel.join-transactions=false").run(context -> {
            CouponKernel kernel = context.getBean(CouponKernel.class);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            CouponRecord coupon = kernel.create(CouponDefinition.builder("ALONE10").percentOff(10).build(), ACTOR);
            kernel.activate(coupon.id(), ACTOR);
            tx.executeWithoutResult(status -> {
                kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "ALONE10"));
                status.setRollbackOnly();
            });
            assertThat(count(context.getBean(DataSource.class), "SELECT COUNT(*) FROM coupon_usage")).isEqualTo(1);
        });
    }

    @Test
    void theSweepAndTheRelayRunOnTheirSchedule() {
        on("h2").withPropertyValues("couponkernel.lock-ttl=1s", "couponkernel.sweep.interval=100ms",
                "couponkernel.relay.interval=100ms", "couponkernel.relay-after-command=0").run(context -> {
            CouponKernel kernel = context.getBean(CouponKernel.class);
            CouponRecord coupon = kernel.create(CouponDefinition.builder("TICK10").percentOff(10).build(), ACTOR);
            kernel.activate(coupon.id(), ACTOR);
            kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TICK10"));
            Shop.Heard heard = context.getBean(Shop.Heard.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(heard.events)
                    .extracting(e -> e.event().getClass().getSimpleName()).contains("CouponApplied", "CouponReleased"));
            CouponKernelSchedule schedule = context.getBean(CouponKernelSchedule.class);
            assertThat(schedule.releasedLocks()).isEqualTo(1);
            assertThat(schedule.publishedEvents()).isPositive();
        });
    }

    @Test
    void theHostsOwnBeansWin() {
        List<EventEnvelope> published = new CopyOnWriteArrayList<>();
        FraudSignalProvider hostSignal = check -> List.of();
        on("h2").withBean(EventPublisher.class, () -> published::add)
                .withBean(FraudSignalProvider.class, () -> hostSignal)
                .withBean(RetryPolicy.class, () -> RetryPolicy.builder().maxAttempts(3).build())
                .run(context -> {
                    CouponKernel kernel = context.getBean(CouponKernel.class);
                    kernel.create(CouponDefinition.builder("OWN10").percentOff(10).build(), ACTOR);
                    kernel.publishPendingEvents();
                    assertThat(published).extracting(EventEnvelope::event).hasAtLeastOneElementOfType(CouponCreated.class);
                    assertThat(context.getBean(Shop.Heard.class).events).as("the default publisher backed off").isEmpty();
                    assertThat(context.getBean(FraudGuard.class).providers()).contains(hostSignal);
                    assertThat(context.getBean(RetryPolicy.class).maxAttempts()).isEqualTo(3);
                });
        CouponKernel own = CouponKernel.builder().storage(dev.couponkernel.core.storage.InMemoryCouponStorage.create())
                .carts(id -> java.util.Optional.empty()).customers(id -> java.util.Optional.empty()).build();
        on("h2").withBean(CouponKernel.class, () -> own).run(context ->
                assertThat(context.getBean(CouponKernel.class)).isSameAs(own));
    }

    @Test
    void everyEligibilityPolicyBeanIsAsked() {
        on("h2").withBean("b2bOnly", dev.couponkernel.core.eligibility.EligibilityPolicy.class,
                        () -> c -> c.coupon().definition().code().value().startsWith("B2B")
                                ? dev.couponkernel.core.eligibility.EligibilityOutcome.rejected(
                                        dev.couponkernel.spi.coupon.RejectionReason.CUSTOMER_NOT_ELIGIBLE, "business only")
                                : dev.couponkernel.core.eligibility.EligibilityOutcome.eligible())
                .withBean("appOnly", dev.couponkernel.core.eligibility.EligibilityPolicy.class,
                        () -> c -> c.coupon().definition().code().value().endsWith("APP")
                                ? dev.couponkernel.core.eligibility.EligibilityOutcome.rejected(
                                        dev.couponkernel.spi.coupon.RejectionReason.CHANNEL_NOT_ELIGIBLE, "app only")
                                : dev.couponkernel.core.eligibility.EligibilityOutcome.eligible())
                .run(context -> {
                    CouponKernel kernel = context.getBean(CouponKernel.class);
                    for (String code : List.of("B2B10", "SAVEAPP", "SAVE10")) {
                        kernel.activate(kernel.create(CouponDefinition.builder(code).percentOff(10).build(), ACTOR).id(), ACTOR);
                    }
                    assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "B2B10")).rejected())
                            .extracting(r -> r.reason()).containsExactly(dev.couponkernel.spi.coupon.RejectionReason.CUSTOMER_NOT_ELIGIBLE);
                    assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVEAPP")).rejected())
                            .extracting(r -> r.reason()).containsExactly(dev.couponkernel.spi.coupon.RejectionReason.CHANNEL_NOT_ELIGIBLE);
                    assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVE10")).applied()).hasSize(1);
                });
    }

    @Test
    void settingsBindAndTurnThingsOff() {
        on("h2").withPropertyValues("couponkernel.fraud.enabled=false", "couponkernel.schema.mode=installer",
                "couponkernel.jdbc.combine-concurrent-writes=8", "couponkernel.retry.max-attempts=7",
                "couponkernel.retry.first-back-off=2ms", "couponkernel.sweep.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(FraudGuard.class);
            assertThat(context.getBean(CouponKernelSchema.class).mode()).isEqualTo(CouponKernelProperties.SchemaMode.INSTALLER);
            RetryPolicy retry = context.getBean(RetryPolicy.class);
            assertThat(retry.maxAttempts()).isEqualTo(7);
            assertThat(retry.firstBackOff()).isEqualTo(Duration.ofMillis(2));
            assertThat(retry.longestBackOff()).isEqualTo(RetryPolicy.defaults().longestBackOff());
            assertThat(count(context.getBean(DataSource.class),
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'coupon_kernel_schema_history'"))
                    .as("no Flyway history in installer mode").isZero();
        });
        on("h2").withPropertyValues("couponkernel.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(CouponKernel.class).doesNotHaveBean(CouponStorage.class));
    }

    @Test
    void theStackingSelectionIsASetting() {
        on("h2").withPropertyValues("couponkernel.stacking-selection=best-for-customer").run(context -> {
            CouponKernel kernel = context.getBean(CouponKernel.class);
            for (var d : List.of(
                    CouponDefinition.builder("FIRST5").amountOff(Money.of("5.00", "EUR"))
                            .stacking(dev.couponkernel.spi.coupon.StackingRule.exclusive(dev.couponkernel.spi.coupon.StackingClass.ORDER, 9)).build(),
                    CouponDefinition.builder("BIGGER20").percentOff(20)
                            .stacking(dev.couponkernel.spi.coupon.StackingRule.exclusive(dev.couponkernel.spi.coupon.StackingClass.ORDER, 0)).build())) {
                kernel.activate(kernel.create(d, ACTOR).id(), ACTOR);
            }
            // by priority FIRST5 would win; the customer's best is 20 % of 60.00
            PricingDecision priced = kernel.validate(ValidateRequest.of("u-1", "cart-1", "FIRST5", "BIGGER20"));
            assertThat(priced.appliedCodes()).extracting(Object::toString).containsExactly("BIGGER20");
            assertThat(priced.totalDiscount()).isEqualTo(Money.of("12.00", "EUR"));
        });
    }

    @Test
    void theHostsDiscountKindsAndConditionsAreRegistered() {
        dev.couponkernel.core.pricing.DiscountKind flat = new dev.couponkernel.core.pricing.DiscountKind() {
            @Override
            public String name() {
                return "shop.flat-per-line";
            }

            @Override
            public void apply(dev.couponkernel.spi.coupon.HostDiscount d, dev.couponkernel.core.pricing.DiscountSpace space) {
                space.lines().forEach(l -> space.take(l.id(), space.amount().orElseThrow()));
            }
        };
        dev.couponkernel.core.eligibility.EligibilityCondition weekday = new dev.couponkernel.core.eligibility.EligibilityCondition() {
            @Override
            public String name() {
                return "shop.members";
            }

            @Override
            public dev.couponkernel.core.eligibility.EligibilityOutcome evaluate(dev.couponkernel.spi.coupon.HostCondition c,
                    dev.couponkernel.core.eligibility.Candidate candidate) {
                return dev.couponkernel.core.eligibility.EligibilityOutcome.rejectedByHost("MEMBERS_ONLY", "for members");
            }
        };
        on("h2").withBean(dev.couponkernel.core.pricing.DiscountKind.class, () -> flat)
                .withBean(dev.couponkernel.core.eligibility.EligibilityCondition.class, () -> weekday).run(context -> {
                    CouponKernel kernel = context.getBean(CouponKernel.class);
                    CouponRecord flatOff = kernel.create(CouponDefinition.builder("FLAT3")
                            .discount(new dev.couponkernel.spi.coupon.HostDiscount("shop.flat-per-line",
                                    dev.couponkernel.spi.value.CurrencyAmounts.of("discount.amounts", Money.of("3.00", "EUR")),
                                    dev.couponkernel.spi.coupon.HostParameters.none()))
                            .build(), ACTOR);
                    kernel.activate(flatOff.id(), ACTOR);
                    CouponRecord members = kernel.create(CouponDefinition.builder("MEMBERS").percentOff(5)
                            .eligibility(dev.couponkernel.spi.coupon.EligibilityRules.anyone()
                                    .withConditions(dev.couponkernel.spi.coupon.HostCondition.of("shop.members")))
                            .build(), ACTOR);
                    kernel.activate(members.id(), ACTOR);

                    // read back from the database and priced by the host's kind
                    assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "FLAT3")).totalDiscount())
                            .isEqualTo(Money.of("3.00", "EUR"));
                    assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "MEMBERS")).rejected())
                            .singleElement().satisfies(r -> assertThat(r.hostReason()).contains("MEMBERS_ONLY"));
                });
    }

    @Test
    void aBadSettingFailsTheStartNamingIt() {
        on("h2").withPropertyValues("couponkernel.lock-ttl=0s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("lockTtl"));
        on("h2").withPropertyValues("couponkernel.jdbc.combine-concurrent-writes=5000").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("combineConcurrentWrites"));
        on("h2").withPropertyValues("couponkernel.relay.interval=0s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("couponkernel.relay.interval"));
    }

    @Test
    void withoutADataSourceThereIsNoKernel() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CouponKernelAutoConfiguration.class))
                .withUserConfiguration(Shop.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CouponKernel.class));
    }

    @Test
    void theConfigurationMetadataDescribesEverySetting() throws Exception {
        String json;
        try (var in = CouponKernelAutoConfigurationTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String name : List.of("couponkernel.storage", "couponkernel.join-transactions", "couponkernel.lock-ttl",
                "couponkernel.schema.mode", "couponkernel.jdbc.combine-concurrent-writes", "couponkernel.retry.jitter",
                "couponkernel.sweep.interval", "couponkernel.relay.interval", "couponkernel.fraud.block-from")) {
            assertThat(json).contains("\"name\": \"" + name + "\"");
        }
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
