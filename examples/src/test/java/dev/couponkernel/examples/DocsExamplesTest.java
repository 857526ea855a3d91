package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.jackson.CouponJson;
import dev.couponkernel.jackson.CouponKernelModule;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.RetryEvent;
import dev.couponkernel.jdbc.RetryListener;
import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.value.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The code of docs/jdbc.md and docs/json.md, compiled and run (on H2). */
class DocsExamplesTest {

    private final CartSource cartSource = id -> Optional.of(Cart.of(Money.of("4.90", "EUR"),
            CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes")));
    private final CustomerDirectory customerDirectory =
            id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 1));
    private final EventPublisher publisher = EventPublisher.discarding();

    @Test
    void jdbcWiringAndBuilder() throws Exception {
        String jdbcUrl = "jdbc:h2:mem:docs-jdbc;DB_CLOSE_DELAY=-1";
        String user = "sa";
        String password = "";

        // tag::jdbc-wiring[]
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);                     // for example jdbc:postgresql://localhost:5432/shop
        config.setUsername(user);
        config.setPassword(password);
        DataSource dataSource = new HikariDataSource(config);

        SchemaInstaller.install(dataSource);            // or let Flyway run the migrations, see below
        CouponKernel kernel = CouponKernel.builder()
                .storage(JdbcCouponStorage.on(dataSource))
                .carts(cartSource)
                .customers(customerDirectory)
                .events(publisher)
                .build();
        // end::jdbc-wiring[]

        java.util.List<RetryEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RetryListener retries = new RetryListener() {
            @Override
            public void retrying(RetryEvent event) {
                heard.add(event);
            }
        };
        // tag::jdbc-builder[]
        JdbcCouponStorage storage = JdbcCouponStorage.builder(dataSource)
                .statementTimeout(Duration.ofSeconds(5))      // default: none (the database's own setting)
                .validationCacheTtl(Duration.ofSeconds(1))    // default 1 s; Duration.ZERO turns the cache off
                .validationCacheSize(10_000)                  // default 10,000 codes
                .combineConcurrentWrites(64)                  // default 1: every write its own transaction
                .retryPolicy(RetryPolicy.builder()            // default: 20 tries, 1 ms doubling to 50 ms, jitter 0.5
                        .maxAttempts(10)
                        .backOff(Duration.ofMillis(2), Duration.ofMillis(100))
                        .jitter(0.5)
                        .listener(retries)                    // hears each retry and each giving up
                        .build())
                .build();
        // end::jdbc-builder[]
        assertThat(storage.validationCacheStats().hits()).isZero();

        assertThat(kernel.findByCode("NONE")).isEmpty();
        assertThat(storage.consistency().problems()).isEmpty();
        assertThat(heard).as("one client loses no race").isEmpty();
        ((HikariDataSource) dataSource).close();
    }

    @Test
    void jsonUsage() throws Exception {
        DataSource ds = TestDataSources.h2("jdbc:h2:mem:docs-json;DB_CLOSE_DELAY=-1");
        SchemaInstaller.install(ds);
        CouponKernel kernel = CouponKernel.builder().storage(JdbcCouponStorage.on(ds)).carts(cartSource)
                .customers(customerDirectory).build();
        String body = "{\"checkoutId\":\"co-1\",\"userId\":\"u-1\",\"cartId\":\"cart-1\",\"codes\":[\"SAVE10\"]}";

        // tag::json-usage[]
        // 1. the strict set-up, one instance per application (thread-safe)
        CouponJson json = CouponJson.create();
        ApplyRequest command = json.read(body, ApplyRequest.class);   // throws CouponJsonException only
        String out = json.write(kernel.apply(command));

        // 2. or on the host's own mapper: explicitly ...
        ObjectMapper mapper = new ObjectMapper().registerModule(new CouponKernelModule());
        // ... or through ServiceLoader (META-INF/services and module-info `provides`)
        ObjectMapper found = new ObjectMapper().findAndRegisterModules();
        // end::json-usage[]

        assertThat(json.read(out, ApplyResult.class).decision().rejected()).singleElement()
                .satisfies(r -> assertThat(r.code().value()).isEqualTo("SAVE10"));
        assertThat(mapper.readValue(out, ApplyResult.class).checkoutId().value()).isEqualTo("co-1");
        assertThat(found.readValue(out, ApplyResult.class).checkoutId().value()).isEqualTo("co-1");
    }
}
