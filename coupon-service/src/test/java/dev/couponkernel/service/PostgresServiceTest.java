package dev.couponkernel.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.service.ServiceClient.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a real PostgreSQL, configured only by Spring's usual {@code spring.datasource.*}
 * properties: the schema is installed at start-up, and 48 concurrent checkouts through the REST API
 * on a coupon of 20 uses lock exactly 20.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PostgresServiceTest {

    private static final EmbeddedPostgres POSTGRES = start();

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "16");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @LocalServerPort
    int port;

    @Test
    void concurrentCheckoutsThroughTheApiNeverOversell() throws Exception {
        ServiceClient admin = ServiceClient.admin(port);
        ServiceClient checkout = ServiceClient.checkout(port);
        Answer created = admin.post("/v1/coupons", "{\"code\": \"PGFLASH\", \"discount\": {\"percent\": \"20\"},"
                + " \"limits\": {\"maxTotalUses\": 20, \"maxUsesPerUser\": 1}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(admin.post("/v1/coupons/" + id + "/activate", null).status()).isEqualTo(200);

        int clients = 48;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> locks = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String n = Integer.toString(i);
            locks.add(pool.submit(() -> {
                go.await();
                Answer a = checkout.post("/v1/apply", ServiceClient.checkoutBody("pg-co-" + n, "pg-u-" + n, "PGFLASH"));
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                return a.json().path("usages").size();
            }));
        }
        go.countDown();
        int locked = 0;
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int got = locks.get(i).get();
            locked += got;
            if (got == 1) {
                winners.add(i);
            }
        }
        pool.shutdown();

        assertThat(locked).isEqualTo(20);
        Answer usage = admin.get("/v1/coupons/" + id + "/usage");
        assertThat(usage.json().path("locked").asLong()).isEqualTo(20);

        Answer redeemed = checkout.post("/v1/checkouts/pg-co-" + winners.get(0) + "/redeem", "{\"orderId\": \"pg-o-1\"}");
        assertThat(redeemed.json().path("status").asString()).as(redeemed.body()).isEqualTo("REDEEMED");
        Answer released = checkout.post("/v1/checkouts/pg-co-" + winners.get(1) + "/release", "{\"reason\": \"payment failed\"}");
        assertThat(released.json().path("status").asString()).as(released.body()).isEqualTo("RELEASED");
        Answer after = admin.get("/v1/coupons/" + id + "/usage");
        assertThat(after.json().path("locked").asLong()).isEqualTo(18);
        assertThat(after.json().path("redeemed").asLong()).isEqualTo(1);
        assertThat(after.json().path("released").asLong()).isEqualTo(1);
        assertThat(admin.get("/v1/coupons/" + id + "/audit/verification").json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void aStorageFailureAnswers503AndShowsNothingInternal() throws Exception {
        ServiceClient admin = ServiceClient.admin(port);
        try (java.sql.Connection c = POSTGRES.getPostgresDatabase().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE coupon RENAME TO coupon_hidden_for_the_test");
            try {
                Answer failed = admin.get("/v1/coupons?q=PG");
                assertThat(failed.status()).as(failed.body()).isEqualTo(503);
                assertThat(failed.problemType()).isEqualTo("urn:coupon-kernel:problem:storage-unavailable");
                assertThat(failed.header("Retry-After")).isNotNull();
                assertThat(failed.json().path("incident").asString()).isNotBlank();
                assertThat(failed.body().toLowerCase(java.util.Locale.ROOT))
                        .doesNotContain("coupon_hidden", "select", "sql", "exception", "org.", "dev.couponkernel", "relation");
            } finally {
                s.execute("ALTER TABLE coupon_hidden_for_the_test RENAME TO coupon");
            }
        }
        assertThat(admin.get("/v1/coupons?q=PG").status()).isEqualTo(200);
    }
}
