package dev.couponkernel.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.jackson.CouponJson;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST adapter over real HTTP on loopback, on the JDBC storage (H2): every route, and every error's status and problem body. */
class CouponHttpApiTest {

    private CouponHttpApi api;
    private JdbcCouponStorage storage;
    private final ObjectMapper mapper = new ObjectMapper();
    private final CouponJson json = CouponJson.create();

    private record Response(int status, String type, String location, JsonNode body) {}

    @BeforeEach
    void start() throws IOException {
        String url = "jdbc:h2:mem:http-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        DataSource ds = CouponHttpApiTestSupport.h2(url);
        SchemaInstaller.install(ds);
        Cart cart = Cart.of(Money.of("4.90", "EUR"), CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"));
        storage = JdbcCouponStorage.on(ds);
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> id.value().equals("cart-1") ? Optional.of(cart) : Optional.empty())
                .customers(id -> Optional.of(Customer.of(id.value(), java.time.Instant.parse("2025-01-01T00:00:00Z"), 1)))
                .fraudGuard(dev.couponkernel.core.fraud.FraudGuard.standard(storage.attempts()))
                .build();
        api = CouponHttpApi.start(kernel, 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Response call(String method, String path, String body, String contentType, String actor) throws IOException {
        return call(method, path, body, contentType, actor, null);
    }

    private Response call(String method, String path, String body, String contentType, String actor, String customer)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) api.baseUri().resolve(path).toURL().openConnection();
        c.setRequestMethod(method);
        if (actor != null) {
            c.setRequestProperty("X-Actor", actor);
        }
        if (customer != null) {
            c.setRequestProperty("X-Customer", customer);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, c.getContentType(), c.getHeaderField("Location"), text.isEmpty() ? null : mapper.readTree(text));
        }
    }

    private Response post(String path, String body, String actor) throws IOException {
        return call("POST", path, body, "application/json", actor);
    }

    private String createActive(String code, UsageLimits limits) throws IOException {
        Response created = post("/v1/coupons", json.write(CouponDefinition.builder(code).percentOff(10).limits(limits).build()),
                "staff:ana");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.location()).isEqualTo("/v1/coupons/" + id);
        assertThat(post("/v1/coupons/" + id + "/activate", null, "staff:ana").body().get("status").asText()).isEqualTo("ACTIVE");
        return id;
    }

    @Test
    void aCheckoutThroughTheApi() throws IOException {
        String id = createActive("SAVE10", UsageLimits.of(1, 1));

        Response validated = post("/v1/validate", "{\"userId\":\"u-1\",\"cartId\":\"cart-1\",\"codes\":[\"save10\"]}", null);
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.body().get("applied").get(0).get("code").asText()).isEqualTo("SAVE10");

        Response applied = post("/v1/apply", "{\"checkoutId\":\"co-1\",\"userId\":\"u-1\",\"cartId\":\"cart-1\",\"codes\":[\"SAVE10\"],"
                + "\"client\":{\"deviceFingerprint\":\"fp-1\",\"ipAddress\":\"203.0.113.99\"}}", null);
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body().get("usages")).hasSize(1);
        assertThat(applied.body().get("fraud").get(0).get("decision").asText()).isEqualTo("ALLOW");
        // the fraud guard counts the client by the address the server saw, not the one the body claims
        java.time.Instant since = java.time.Instant.parse("2000-01-01T00:00:00Z");
        assertThat(storage.attempts().count(dev.couponkernel.spi.fraud.AttemptQuery.where(
                dev.couponkernel.spi.fraud.AttemptField.IP, "127.0.0.1", since))).isEqualTo(2);
        assertThat(storage.attempts().count(dev.couponkernel.spi.fraud.AttemptQuery.where(
                dev.couponkernel.spi.fraud.AttemptField.IP, "203.0.113.99", since))).isZero();
        assertThat(storage.attempts().count(dev.couponkernel.spi.fraud.AttemptQuery.where(
                dev.couponkernel.spi.fraud.AttemptField.DEVICE, "fp-1", since))).isEqualTo(1);
        Response second = post("/v1/apply", "{\"checkoutId\":\"co-2\",\"userId\":\"u-2\",\"cartId\":\"cart-1\",\"codes\":[\"SAVE10\"]}", null);
        assertThat(second.body().get("usages")).isEmpty();
        assertThat(second.body().get("decision").get("rejected").get(0).get("reason").asText()).isEqualTo("TOTAL_LIMIT_REACHED");

        Response redeemed = post("/v1/checkouts/co-1/redeem", "{\"orderId\":\"order-1\"}", "shop:checkout");
        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemed.body().get("status").asText()).isEqualTo("REDEEMED");
        Response released = post("/v1/checkouts/co-2/release", "{\"reason\":\"payment declined\"}", "shop:checkout");
        assertThat(released.body().get("status").asText()).isEqualTo("NOT_FOUND");

        Response audit = call("GET", "/v1/coupons/" + id + "/audit", null, null, null);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).extracting(e -> e.get("action").asText())
                .containsExactly("COUPON_CREATED", "COUPON_ACTIVATED", "USAGE_LOCKED", "USAGE_REDEEMED");
        assertThat(audit.body().get(0).get("actor").asText()).isEqualTo("staff:ana");

        Response disabled = post("/v1/coupons/" + id + "/disable", "{\"reason\":\"campaign over\"}", "staff:ana");
        assertThat(disabled.body().get("status").asText()).isEqualTo("DISABLED");
    }

    @Test
    void anotherCustomersRedeemOrReleaseIsForbidden() throws IOException {
        createActive("MINE10", UsageLimits.of(10, 1));
        post("/v1/apply", "{\"checkoutId\":\"co-9\",\"userId\":\"u-1\",\"cartId\":\"cart-1\",\"codes\":[\"MINE10\"]}", null);

        Response stolen = call("POST", "/v1/checkouts/co-9/redeem", "{\"orderId\":\"order-evil\"}", "application/json",
                "shop:checkout", "u-2");
        problem(stolen, 403, "belongs to another customer");
        Response spite = call("POST", "/v1/checkouts/co-9/release", "{\"reason\":\"spite\"}", "application/json",
                "shop:checkout", "u-2");
        problem(spite, 403, "belongs to another customer");

        Response own = call("POST", "/v1/checkouts/co-9/redeem", "{\"orderId\":\"order-9\"}", "application/json",
                "shop:checkout", "u-1");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("status").asText()).isEqualTo("REDEEMED");
        assertThat(own.body().get("usages").get(0).get("orderId").asText()).isEqualTo("order-9");
    }

    private static void problem(Response r, int status, String detailPart) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.type()).startsWith("application/problem+json");
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().get("title").asText()).isNotBlank();
        assertThat(r.body().get("detail").asText()).contains(detailPart);
    }

    @Test
    void errorsAreProblemDetailsWithTheRightStatus() throws IOException {
        String id = createActive("ONCE", UsageLimits.unlimited());

        Response malformed = post("/v1/apply", "{\"checkoutId\":", null);
        problem(malformed, 400, "not valid JSON");
        assertThat(malformed.body().get("jsonPath").asText()).isEqualTo("$");
        Response unknownField = post("/v1/validate", "{\"userId\":\"u-1\",\"cartId\":\"cart-1\",\"codes\":[\"ONCE\"],\"total\":1}", null);
        problem(unknownField, 400, "");
        assertThat(unknownField.body().get("jsonPath").asText()).isEqualTo("$.total");
        problem(post("/v1/validate", "{\"userId\":\"u-1\",\"cartId\":\"nope\",\"codes\":[\"ONCE\"]}", null), 404, "no cart nope");
        problem(post("/v1/validate", "{\"userId\":\"u-1\",\"cartId\":\"cart-1\",\"codes\":[\"no way!\"]}", null), 400, "no way!");
        problem(post("/v1/coupons/" + id + "/disable", "{\"reason\":\"x\"}", null), 400, "X-Actor");
        problem(post("/v1/coupons/missing/activate", null, "staff:ana"), 404, "no coupon missing");
        post("/v1/coupons/" + id + "/disable", "{\"reason\":\"x\"}", "staff:ana");
        problem(post("/v1/coupons/" + id + "/disable", "{\"reason\":\"again\"}", "staff:ana"), 409, "disabled");
        problem(post("/v1/coupons", json.write(CouponDefinition.builder("ONCE").percentOff(5).build()), "staff:ana"), 409, "ONCE");
        Response noOrder = post("/v1/checkouts/co-9/redeem", "{\"order\":\"o-1\"}", "shop:checkout");
        problem(noOrder, 400, "is required");
        assertThat(noOrder.body().get("jsonPath").asText()).isEqualTo("$.orderId");
        problem(call("GET", "/v1/apply", null, null, null), 405, "use POST");
        problem(call("DELETE", "/v1/coupons/" + id + "/audit", null, null, null), 405, "use GET");
        problem(call("GET", "/v2/anything", null, null, null), 404, "no route GET /v2/anything");
        problem(call("POST", "/v1/apply", "checkoutId=1", "text/plain", null), 415, "application/json");
        problem(post("/v1/apply", "[" + "1,".repeat(600_000) + "1]", null), 413, "over");
    }

    @Test
    void aStorageOutageIsServiceUnavailable() throws IOException, SQLException {
        String url = "jdbc:h2:mem:outage-" + System.nanoTime();
        DataSource ds = CouponHttpApiTestSupport.h2(url + ";DB_CLOSE_DELAY=-1");
        SchemaInstaller.install(ds);
        CouponKernel kernel = CouponKernel.builder().storage(JdbcCouponStorage.on(ds))
                .carts(id -> Optional.empty()).customers(id -> Optional.empty()).build();
        try (CouponHttpApi down = CouponHttpApi.start(kernel, 0);
                Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("DROP ALL OBJECTS");
            HttpURLConnection h = (HttpURLConnection) down.baseUri().resolve("/v1/coupons/x/audit").toURL().openConnection();
            assertThat(h.getResponseCode()).isEqualTo(503);
            assertThat(new String(h.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Storage unavailable");
        }
    }
}
