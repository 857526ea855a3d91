package dev.couponkernel.spring.boot;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.value.Money;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** A host's own beans, as a shop would define them: its carts, its customers, and a listener of the kernel's events. */
@Configuration(proxyBeanMethods = false)
class Shop {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @Bean
    CartSource carts() {
        return id -> Optional.of(Cart.of(Money.of("4.90", "EUR"),
                CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes")));
    }

    @Bean
    CustomerDirectory customers() {
        return id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3));
    }

    @Bean
    Heard heard() {
        return new Heard();
    }

    /** The events the application heard, through Spring's event listeners. */
    static class Heard {
        final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(EventEnvelope envelope) {
            events.add(envelope);
        }
    }

    /** @return a JDBC URL of a fresh H2 database in memory */
    static String h2Url() {
        return "jdbc:h2:mem:starter" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    /** @return a fresh database on the shared embedded PostgreSQL server */
    static synchronized DataSource postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the process is ending
                    }
                }));
            }
            String name = "starter" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getDatabase("postgres", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** @return the JDBC URL of a fresh database on the shared embedded PostgreSQL server */
    static String postgresUrl() {
        DataSource ds = postgres();
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
