package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.fraud.AutoSuspend;
import dev.couponkernel.core.fraud.CouponFraudRules;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.fraud.LeakedCodeSignal;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import java.util.List;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The wiring shown at the top of docs/fraud_patterns.md, compiled and run. */
class FraudWiringTest {

    @Test
    void theDocumentedWiringWorks() {
        DataSource dataSource = TestDataSources.h2("jdbc:h2:mem:fraud-wiring;DB_CLOSE_DELAY=-1");
        SchemaInstaller.install(dataSource);
        Cart cart = Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"));
        CartSource carts = id -> Optional.of(cart);
        CustomerDirectory customers = id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 2));
        String deviceFingerprint = "fp-1";
        String ipAddress = "198.51.100.7";
        String paymentFingerprint = "card-1";

        // tag::fraud-wiring[]
        JdbcCouponStorage storage = JdbcCouponStorage.on(dataSource);        // or InMemoryCouponStorage.create()
        FraudGuard guard = FraudGuard.builder(storage.attempts())           // or InMemoryAttemptLog.create()
                .standardProviders()                                        // velocity, enumeration, multi-account, new account
                .provider(LeakedCodeSignal.defaults().privateCode("VIP-ANNA", 1))
                .couponRules("SAVE10", CouponFraudRules.NONE
                        .withAutoSuspend(AutoSuspend.after(Duration.ofMinutes(10), 10, 50)))
                .build();
        CouponKernel kernel = CouponKernel.builder().storage(storage).carts(carts).customers(customers)
                .fraudGuard(guard).build();

        ApplyResult result = kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "SAVE10")
                .withClient(ClientInfo.of(deviceFingerprint, ipAddress, paymentFingerprint)));
        // end::fraud-wiring[]

        assertThat(result.fraud()).singleElement().satisfies(v -> assertThat(v.decision()).isEqualTo(FraudDecision.ALLOW));
        kernel.activate(kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).build(), Actor.of("staff:t")).id(),
                Actor.of("staff:t"));
        ApplyResult applied = kernel.apply(ApplyRequest.of("chk-2", "u-1", "cart-1", "SAVE10")
                .withClient(ClientInfo.of(deviceFingerprint, ipAddress, paymentFingerprint)));
        assertThat(applied.usages()).hasSize(1);
    }

    @Test
    void aHostProviderBlocks() {
        DataSource dataSource = TestDataSources.h2("jdbc:h2:mem:host-provider;DB_CLOSE_DELAY=-1");
        SchemaInstaller.install(dataSource);
        JdbcCouponStorage storage = JdbcCouponStorage.on(dataSource);
        java.util.Set<String> blocked = java.util.Set.of("203.0.113.66");

        // tag::host-provider[]
        FraudSignalProvider blockList = check -> blocked.contains(check.attempt().client().ipAddress())
                ? List.of(FraudSignal.of("host.ip-block-list", 100, "IP on the block list"))
                : List.of();
        // end::host-provider[]

        Cart cart = Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"));
        CouponKernel kernel = CouponKernel.builder().storage(storage).carts(id -> Optional.of(cart))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 2)))
                .fraudGuard(FraudGuard.builder(storage.attempts()).provider(blockList).build()).build();
        kernel.activate(kernel.create(CouponDefinition.builder("SAVE10").percentOff(10).build(), Actor.of("staff:t")).id(),
                Actor.of("staff:t"));
        ApplyResult refused = kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "SAVE10")
                .withClient(ClientInfo.of(null, "203.0.113.66", null)));
        assertThat(refused.usages()).isEmpty();
        assertThat(refused.fraud().get(0).signals()).extracting(FraudSignal::name).containsExactly("host.ip-block-list");
        assertThat(kernel.apply(ApplyRequest.of("chk-2", "u-1", "cart-1", "SAVE10")
                .withClient(ClientInfo.of(null, "198.51.100.1", null))).usages()).hasSize(1);
    }
}
