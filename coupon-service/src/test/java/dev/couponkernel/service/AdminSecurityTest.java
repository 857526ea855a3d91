package dev.couponkernel.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The admin pages' protection without a browser: signed out every admin page and download redirects
 * to the sign-in page, HTTP basic does not open them, a checkout user is refused, and a state change
 * without the session's CSRF token is refused and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminSecurityTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(HttpClient client, String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpClient signedIn(String user, String password) throws Exception {
        HttpClient client = browser();
        String token = token(get(client, "/login").body());
        HttpResponse<String> signIn = postForm(client, "/login",
                "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token));
        assertThat(signIn.statusCode()).isEqualTo(302);
        return client;
    }

    @Test
    void signedOutEveryAdminPageRedirectsToTheSignInPage() throws Exception {
        HttpClient client = browser();
        for (String path : new String[] {"/", "/admin", "/admin/coupons", "/admin/coupons/new", "/admin/alerts",
                "/admin/coupons/x", "/admin/coupons/x/codes.csv", "/admin/jobs/x/progress"}) {
            HttpResponse<String> r = get(client, path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
        }
        HttpResponse<String> post = postForm(client, "/admin/coupons", "code=SNEAKY&kind=PERCENT&percent=90");
        assertThat(post.statusCode()).isIn(302, 403);
        assertThat(get(client, "/other").statusCode()).isIn(302, 403);
    }

    @Test
    void httpBasicDoesNotOpenTheAdminPages() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = browser().send(HttpRequest.newBuilder(uri("/admin/coupons")).header("Authorization", basic)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
    }

    @Test
    void aCheckoutUserCannotUseTheAdminPages() throws Exception {
        HttpClient client = signedIn(ServiceClient.CHECKOUT, ServiceClient.CHECKOUT_PASSWORD);
        assertThat(get(client, "/admin/coupons").statusCode()).isEqualTo(403);
    }

    @Test
    void aStateChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        ServiceClient api = ServiceClient.admin(port);
        String id = api.post("/v1/coupons", "{\"code\": \"CSRF" + System.nanoTime() % 100_000 + "\", \"discount\": {\"percent\": \"5\"}}")
                .json().path("id").asString();

        HttpClient client = signedIn(ServiceClient.ADMIN, ServiceClient.ADMIN_PASSWORD);
        HttpResponse<String> page = get(client, "/admin/coupons/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        String token = token(page.body());

        HttpResponse<String> forged = postForm(client, "/admin/coupons/" + id + "/activate", "");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = postForm(client, "/admin/coupons/" + id + "/activate", "_csrf=forged");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(api.get("/v1/coupons/" + id).json().path("status").asString()).isEqualTo("DRAFT");

        HttpResponse<String> real = postForm(client, "/admin/coupons/" + id + "/activate", "_csrf=" + enc(token));
        assertThat(real.statusCode()).isEqualTo(302);
        assertThat(api.get("/v1/coupons/" + id).json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(get(client, "/admin/coupons/" + id).body()).contains("The coupon is active.");

        HttpResponse<String> limits = postForm(client, "/admin/coupons/" + id + "/limits",
                "maxTotalUses=7&maxUsesPerUser=&maxUsesPerCode=&_csrf=" + enc(token));
        assertThat(limits.statusCode()).isEqualTo(302);
        assertThat(api.get("/v1/coupons/" + id).json().at("/definition/limits/maxTotalUses").asLong()).isEqualTo(7);
        assertThat(get(client, "/admin/coupons/" + id).body()).contains("The limits are changed.");
        postForm(client, "/admin/coupons/" + id + "/limits", "maxTotalUses=lots&_csrf=" + enc(token));
        assertThat(get(client, "/admin/coupons/" + id).body()).contains("$.maxTotalUses: must be a whole number");
        assertThat(api.get("/v1/coupons/" + id).json().at("/definition/limits/maxTotalUses").asLong()).isEqualTo(7);

        HttpResponse<String> badStatus = get(client, "/admin/coupons?status=GONE");
        assertThat(badStatus.statusCode()).isEqualTo(200);
        assertThat(badStatus.body()).contains("status: is not a status: GONE");

        HttpResponse<String> unknown = get(client, "/admin/coupons/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no coupon nope");
    }

    @Test
    void theFormCreatesEveryDiscountKindAndNamesTheWrongField() throws Exception {
        HttpClient client = signedIn(ServiceClient.ADMIN, ServiceClient.ADMIN_PASSWORD);
        String token = token(get(client, "/admin/coupons/new").body());
        java.util.Map<String, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put("PERCENT", "percent=12");
        kinds.put("FIXED", "amount=5.00&currency=EUR");
        kinds.put("SHIPPING", "percent=");
        dev.couponkernel.service.admin.AdminController.EXAMPLES.forEach((kind, example) -> {
            if (!kind.equals("HOST")) {
                kinds.put(kind, "discountJson=" + enc(example));
            }
        });
        for (java.util.Map.Entry<String, String> k : kinds.entrySet()) {
            String code = "FORM" + k.getKey().replace("_", "") + System.nanoTime() % 10_000;
            HttpResponse<String> created = postForm(client, "/admin/coupons",
                    "code=" + code + "&kind=" + k.getKey() + "&" + k.getValue() + "&maxTotalUses=50&codes=SHARED"
                            + "&reinstatePolicy=NEVER&_csrf=" + enc(token));
            assertThat(created.statusCode()).as(k.getKey() + ": " + created.body()).isEqualTo(302);
            String page = get(client, URI.create(created.headers().firstValue("Location").orElseThrow()).getPath()).body();
            assertThat(page).as(k.getKey()).contains(code).contains("&quot;type&quot; : &quot;" + k.getKey() + "&quot;");
        }

        HttpResponse<String> badJson = postForm(client, "/admin/coupons",
                "code=FORMBAD1&kind=TIERED&discountJson=" + enc("{\"basis\": \"QUANTITY\"}") + "&_csrf=" + enc(token));
        assertThat(badJson.statusCode()).isEqualTo(200);
        assertThat(badJson.body()).contains("id=\"discountJson-error\"").contains("$.discount.tiers");

        HttpResponse<String> badCode = postForm(client, "/admin/coupons", "code=" + enc("no way!") + "&kind=PERCENT&percent=5&_csrf=" + enc(token));
        assertThat(badCode.body()).contains("id=\"code-error\"");
        HttpResponse<String> badLimit = postForm(client, "/admin/coupons", "code=FORMBAD2&kind=PERCENT&percent=5&maxUsesPerUser=-1&_csrf=" + enc(token));
        assertThat(badLimit.body()).contains("id=\"maxUsesPerUser-error\"");
        assertThat(ServiceClient.admin(port).get("/v1/coupons?q=FORMBAD").json().path("total").asLong()).isZero();
    }

    @Test
    void staffLiftAFraudSuspensionFromTheCouponsPage() throws Exception {
        ServiceClient api = ServiceClient.admin(port);
        String id = api.post("/v1/coupons", "{\"code\": \"LIFT" + System.nanoTime() % 100_000 + "\", \"discount\": {\"percent\": \"5\"}}")
                .json().path("id").asString();
        api.post("/v1/coupons/" + id + "/activate", null);
        api.post("/v1/coupons/" + id + "/suspend", "{\"reason\": \"under attack\"}");
        HttpClient client = signedIn(ServiceClient.ADMIN, ServiceClient.ADMIN_PASSWORD);
        String page = get(client, "/admin/coupons/" + id).body();
        assertThat(page).contains("id=\"lift-suspension\"");
        HttpResponse<String> lifted = postForm(client, "/admin/coupons/" + id + "/lift-suspension",
                "reason=checked&_csrf=" + enc(token(page)));
        assertThat(lifted.statusCode()).isEqualTo(302);
        assertThat(api.get("/v1/coupons/" + id).json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(get(client, "/admin/coupons/" + id).body()).contains("The coupon is active.").contains("COUPON_SUSPENSION_LIFTED");
    }
}
