package dev.couponkernel.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.service.ServiceClient.Answer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The REST API as a shop's backend and its staff use it, over real HTTP, on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestApiTest {

    @LocalServerPort
    int port;

    ServiceClient admin;
    ServiceClient checkout;

    @BeforeEach
    void clients() {
        admin = ServiceClient.admin(port);
        checkout = ServiceClient.checkout(port);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    private JsonNode activeCoupon(String body) {
        Answer created = admin.post("/v1/coupons", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        Answer activated = admin.post("/v1/coupons/" + id + "/activate", null);
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        return activated.json();
    }

    @Test
    void aMinimalCouponGetsEveryDefault() {
        String code = unique("SUMMER");
        Answer created = admin.post("/v1/coupons", "{\"code\": \"" + code + "\", \"discount\": {\"percent\": \"10\"}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode coupon = created.json();
        String id = coupon.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/coupons/" + id);
        assertThat(coupon.path("status").asString()).isEqualTo("DRAFT");
        assertThat(coupon.at("/definition/code").asString()).isEqualTo(code);
        assertThat(coupon.at("/definition/discount/type").asString()).isEqualTo("PERCENT");
        assertThat(coupon.at("/definition/discount/percent").asString()).isEqualTo("10");
        assertThat(coupon.at("/definition/stacking/stackingClass").asString()).isEqualTo("ORDER");
        assertThat(coupon.at("/definition/validity/validFrom").asString()).isEqualTo("1970-01-01T00:00:00Z");

        Answer read = admin.get("/v1/coupons/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(coupon);
    }

    @Test
    void partsGivenReplaceTheDefaultsFieldByField() {
        String code = unique("FIVE");
        Answer created = admin.post("/v1/coupons", "{\"code\": \"" + code + "\", \"discount\": {\"amounts\": "
                + "[{\"amount\": \"5.00\", \"currency\": \"EUR\"}]}, \"limits\": {\"maxTotalUses\": 100},"
                + " \"eligibility\": {\"minQuantity\": 2}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode d = created.json().path("definition");
        assertThat(d.at("/discount/type").asString()).isEqualTo("FIXED");
        assertThat(d.at("/limits/maxTotalUses").asLong()).isEqualTo(100);
        assertThat(d.at("/limits/maxUsesPerUser").isMissingNode()).isTrue();
        assertThat(d.at("/eligibility/minQuantity").asLong()).isEqualTo(2);
        assertThat(d.at("/eligibility/firstOrderOnly").asBoolean()).isFalse();
    }

    @Test
    void badCouponBodiesNameTheirFieldAndWriteNothing() {
        long before = admin.get("/v1/coupons?size=1").json().path("total").asLong();

        Answer noDiscount = admin.post("/v1/coupons", "{\"code\": \"NODISCOUNT\"}");
        assertThat(noDiscount.status()).isEqualTo(400);
        assertThat(noDiscount.problemType()).isEqualTo("urn:coupon-kernel:problem:invalid-json");
        assertThat(noDiscount.json().path("jsonPath").asString()).isEqualTo("$.discount");

        Answer badPercent = admin.post("/v1/coupons", "{\"code\": \"BADPCT\", \"discount\": {\"percent\": \"ten\"}}");
        assertThat(badPercent.status()).isEqualTo(400);
        assertThat(badPercent.json().path("jsonPath").asString()).startsWith("$.discount.percent");

        Answer badLimit = admin.post("/v1/coupons", "{\"code\": \"BADLIMIT\", \"discount\": {\"percent\": \"10\"},"
                + " \"limits\": {\"maxTotalUses\": \"many\"}}");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("jsonPath").asString()).isEqualTo("$.limits.maxTotalUses");

        Answer badCode = admin.post("/v1/coupons", "{\"code\": \"no spaces!\", \"discount\": {\"percent\": \"10\"}}");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.problemType()).isEqualTo("urn:coupon-kernel:problem:invalid-input");
        assertThat(badCode.json().path("field").asString()).isEqualTo("code");

        Answer notJson = admin.post("/v1/coupons", "{\"code\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("jsonPath").asString()).isEqualTo("$");

        Answer duplicateKey = admin.post("/v1/coupons", "{\"code\": \"DUPKEY\", \"code\": \"DUPKEY2\", \"discount\": {\"percent\": \"10\"}}");
        assertThat(duplicateKey.status()).isEqualTo(400);

        assertThat(admin.get("/v1/coupons?size=1").json().path("total").asLong()).isEqualTo(before);
    }

    @Test
    void aCheckoutIsValidatedAppliedRedeemedAndCounted() {
        String code = unique("TEN");
        String id = activeCoupon("{\"code\": \"" + code + "\", \"discount\": {\"percent\": \"10\"},"
                + " \"limits\": {\"maxTotalUses\": 10, \"maxUsesPerUser\": 1}}").path("id").asString();
        String user = unique("u-");
        String checkoutId = unique("co-");

        Answer priced = checkout.post("/v1/validate", ServiceClient.checkoutBody(null, user, code));
        assertThat(priced.status()).as(priced.body()).isEqualTo(200);
        assertThat(priced.json().at("/totalDiscount/amount").asString()).isEqualTo("6.00");

        Answer applied = checkout.post("/v1/apply", ServiceClient.checkoutBody(checkoutId, user, code));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().path("usages").size()).isEqualTo(1);

        Answer usage = admin.get("/v1/coupons/" + id + "/usage");
        assertThat(usage.json().path("locked").asLong()).isEqualTo(1);
        assertThat(usage.json().at("/lockedDiscount/0/amount").asString()).isEqualTo("6.00");

        Answer otherCustomer = checkout.post("/v1/checkouts/" + checkoutId + "/redeem",
                "{\"orderId\": \"o-1\", \"userId\": \"someone-else\"}");
        assertThat(otherCustomer.status()).isEqualTo(403);
        assertThat(otherCustomer.problemType()).isEqualTo("urn:coupon-kernel:problem:checkout-of-another-customer");

        Answer redeemed = checkout.post("/v1/checkouts/" + checkoutId + "/redeem",
                "{\"orderId\": \"o-" + checkoutId + "\", \"userId\": \"" + user + "\"}");
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        assertThat(redeemed.json().path("status").asString()).isEqualTo("REDEEMED");

        JsonNode after = admin.get("/v1/coupons/" + id + "/usage").json();
        assertThat(after.path("locked").asLong()).isZero();
        assertThat(after.path("redeemed").asLong()).isEqualTo(1);
        assertThat(after.at("/budgetUsed/0/amount").asString()).isEqualTo("6.00");

        Answer again = checkout.post("/v1/validate", ServiceClient.checkoutBody(null, user, code));
        assertThat(again.json().at("/rejected/0/reason").asString()).isEqualTo("USER_LIMIT_REACHED");

        Answer trail = admin.get("/v1/coupons/" + id + "/audit");
        assertThat(trail.status()).isEqualTo(200);
        List<String> actions = trail.json().valueStream().map(e -> e.path("action").asString()).toList();
        assertThat(actions).containsSubsequence("COUPON_CREATED", "COUPON_ACTIVATED", "USAGE_LOCKED", "USAGE_REDEEMED");
        assertThat(trail.json().get(0).path("actor").asString()).isEqualTo("staff:admin");
        Answer verified = admin.get("/v1/coupons/" + id + "/audit/verification");
        assertThat(verified.json().path("intact").asBoolean()).as(verified.body()).isTrue();

        // the trail in pages of two: the headers give the length and where the next page starts
        int size = trail.json().size();
        assertThat(trail.header("X-Trail-Size")).isEqualTo(Integer.toString(size));
        assertThat(trail.header("X-Next-From")).isNull();
        List<String> paged = new java.util.ArrayList<>();
        String from = "0";
        while (from != null) {
            Answer page = admin.get("/v1/coupons/" + id + "/audit?limit=2&from=" + from);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().size()).isBetween(1, 2);
            page.json().valueStream().forEach(e -> paged.add(e.path("action").asString()));
            from = page.header("X-Next-From");
        }
        assertThat(paged).isEqualTo(actions);
        Answer past = admin.get("/v1/coupons/" + id + "/audit?from=" + size);
        assertThat(past.json().size()).isZero();
        assertThat(past.header("X-Next-From")).isNull();
        assertThat(admin.get("/v1/coupons/" + id + "/audit?limit=1001").json().path("parameter").asString()).isEqualTo("limit");
        assertThat(admin.get("/v1/coupons/" + id + "/audit?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/v1/coupons/" + id + "/audit?from=-1").json().path("parameter").asString()).isEqualTo("from");
        assertThat(admin.get("/v1/coupons/" + id + "/audit?from=x").json().path("parameter").asString()).isEqualTo("from");
    }

    @Test
    void theCartAndTheCustomerAreRequiredAndMustMatch() {
        Answer noCart = checkout.post("/v1/validate", "{\"userId\": \"u-1\", \"codes\": [\"X1X\"], \"customer\": "
                + "{\"id\": \"u-1\", \"accountCreatedAt\": \"2025-01-01T00:00:00Z\", \"completedOrders\": 0}}");
        assertThat(noCart.status()).isEqualTo(400);
        assertThat(noCart.json().path("jsonPath").asString()).isEqualTo("$.cart");

        Answer otherCustomer = checkout.post("/v1/validate",
                ServiceClient.checkoutBody(null, "u-1", "X1X").replace("\"id\":\"u-1\"", "\"id\":\"u-2\""));
        assertThat(otherCustomer.status()).isEqualTo(400);
        assertThat(otherCustomer.json().path("jsonPath").asString()).isEqualTo("$.customer.id");

        Answer badQuantity = checkout.post("/v1/validate",
                ServiceClient.checkoutBody(null, "u-1", "X1X").replace("\"quantity\":2", "\"quantity\":-2"));
        assertThat(badQuantity.status()).isEqualTo(400);
        assertThat(badQuantity.json().path("jsonPath").asString()).startsWith("$.cart.lines[0]");
        assertThat(badQuantity.json().path("detail").asString()).contains("quantity");
    }

    @Test
    void unknownIdsAnswer404() {
        assertThat(admin.get("/v1/coupons/nope").status()).isEqualTo(404);
        Answer audit = admin.get("/v1/coupons/nope/audit");
        assertThat(audit.status()).isEqualTo(404);
        assertThat(audit.problemType()).isEqualTo("urn:coupon-kernel:problem:not-found");
        assertThat(admin.get("/v1/coupons/nope/usage").status()).isEqualTo(404);
        assertThat(admin.get("/v1/codes/NOPE-NOPE").status()).isEqualTo(404);

        Answer release = checkout.post("/v1/checkouts/" + unique("never-") + "/release", "{}");
        assertThat(release.status()).isEqualTo(404);
        assertThat(release.problemType()).isEqualTo("urn:coupon-kernel:problem:unknown-checkout");
        Answer redeem = checkout.post("/v1/checkouts/" + unique("never-") + "/redeem", "{\"orderId\": \"o-9\"}");
        assertThat(redeem.status()).isEqualTo(404);

        Answer noPath = admin.get("/v1/nothing-here");
        assertThat(noPath.status()).isEqualTo(404);
        assertThat(noPath.problemType()).isEqualTo("urn:coupon-kernel:problem:not-found");
    }

    @Test
    void aWrongMethodAnswers405WithAllow() {
        Answer wrong = admin.delete("/v1/coupons");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.problemType()).isEqualTo("urn:coupon-kernel:problem:method-not-allowed");
        assertThat(wrong.header("Allow")).contains("GET").contains("POST");

        Answer getOnPost = admin.get("/v1/apply");
        assertThat(getOnPost.status()).isEqualTo(405);
        assertThat(getOnPost.header("Allow")).isEqualTo("POST");
    }

    @Test
    void rolesDecideWhoReachesWhat() {
        Answer anonymous = ServiceClient.anonymous(port).get("/v1/coupons");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemType()).isEqualTo("urn:coupon-kernel:problem:unauthorized");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");

        Answer wrongPassword = ServiceClient.as(port, "admin", "guess").get("/v1/coupons");
        assertThat(wrongPassword.status()).isEqualTo(401);

        Answer checkoutOnAdmin = checkout.get("/v1/coupons");
        assertThat(checkoutOnAdmin.status()).isEqualTo(403);
        assertThat(checkoutOnAdmin.problemType()).isEqualTo("urn:coupon-kernel:problem:forbidden");
        assertThat(checkout.post("/v1/coupons", "{\"code\": \"SNEAKY\", \"discount\": {\"percent\": \"90\"}}").status())
                .isEqualTo(403);
        assertThat(checkout.get("/actuator/metrics").status()).isEqualTo(403);

        Answer health = ServiceClient.anonymous(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(admin.get("/actuator/metrics/http.server.requests").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/health").json().has("components")).isTrue();
        assertThat(admin.get("/actuator/metrics").json().path("names").valueStream().map(JsonNode::asString))
                .anyMatch(name -> name.startsWith("couponkernel."));
        assertThat(ServiceClient.anonymous(port).get("/v1/openapi.yaml").status()).isEqualTo(200);
    }

    @Test
    void bodiesAreBounded() {
        String big = "{\"code\": \"" + "A".repeat(2 << 20) + "\"}";
        Answer declared = admin.post("/v1/coupons", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo("urn:coupon-kernel:problem:payload-too-large");

        byte[] bytes = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Answer chunked = admin.send("POST", "/v1/coupons", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)));
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void searchPagesThroughCouponsByCode() {
        String stem = unique("PAGE");
        for (int i = 0; i < 5; i++) {
            assertThat(admin.post("/v1/coupons", "{\"code\": \"" + stem + i + "\", \"discount\": {\"percent\": \"5\"}}").status())
                    .isEqualTo(201);
        }
        JsonNode first = admin.get("/v1/coupons?q=" + stem.toLowerCase() + "&size=2").json();
        assertThat(first.path("total").asLong()).isEqualTo(5);
        assertThat(first.path("hasNext").asBoolean()).isTrue();
        assertThat(first.at("/coupons/0/definition/code").asString()).isEqualTo(stem + 0);
        JsonNode last = admin.get("/v1/coupons?q=" + stem + "&size=2&page=2").json();
        assertThat(last.path("coupons").size()).isEqualTo(1);
        assertThat(last.path("hasNext").asBoolean()).isFalse();
        assertThat(admin.get("/v1/coupons?q=" + stem + "&status=ACTIVE").json().path("total").asLong()).isZero();

        Answer badSize = admin.get("/v1/coupons?size=1000");
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.json().path("field").asString()).isEqualTo("size");
        Answer badStatus = admin.get("/v1/coupons?status=GONE");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("parameter").asString()).isEqualTo("status");
        assertThat(admin.get("/v1/coupons?page=x").json().path("parameter").asString()).isEqualTo("page");
    }

    @Test
    void limitsChangeAndStatusesMove() {
        String code = unique("LIM");
        String id = activeCoupon("{\"code\": \"" + code + "\", \"discount\": {\"percent\": \"10\"}}").path("id").asString();

        Answer limits = admin.put("/v1/coupons/" + id + "/limits", "{\"maxTotalUses\": 3, \"maxUsesPerUser\": 1}");
        assertThat(limits.status()).as(limits.body()).isEqualTo(200);
        assertThat(limits.json().at("/definition/limits/maxTotalUses").asLong()).isEqualTo(3);

        Answer suspended = admin.post("/v1/coupons/" + id + "/suspend", "{\"reason\": \"checking\"}");
        assertThat(suspended.json().path("status").asString()).isEqualTo("SUSPENDED");
        Answer lifted = admin.post("/v1/coupons/" + id + "/lift-suspension", "{\"reason\": \"all fine\"}");
        assertThat(lifted.json().path("status").asString()).isEqualTo("ACTIVE");
        Answer noReason = admin.post("/v1/coupons/" + id + "/disable", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("jsonPath").asString()).isEqualTo("$.reason");
        Answer disabled = admin.post("/v1/coupons/" + id + "/disable", "{\"reason\": \"campaign over\"}");
        assertThat(disabled.json().path("status").asString()).isEqualTo("DISABLED");
        Answer activateAgain = admin.post("/v1/coupons/" + id + "/activate", null);
        assertThat(activateAgain.status()).isEqualTo(409);
        assertThat(activateAgain.problemType()).isEqualTo("urn:coupon-kernel:problem:conflict");
    }

    @Test
    void aCampaignsCodesAreGeneratedExportedUsedAndImported() {
        String code = unique("CAMP");
        String id = activeCoupon("{\"code\": \"" + code + "\", \"discount\": {\"percent\": \"15\"}, \"codes\": \"UNIQUE\","
                + " \"limits\": {\"maxUsesPerCode\": 1}}").path("id").asString();

        String batch = unique("b-");
        Answer generated = admin.post("/v1/coupons/" + id + "/codes",
                "{\"count\": 1000, \"batchId\": \"" + batch + "\", \"pattern\": {\"prefix\": \"C-\", \"length\": 8, \"groupSize\": 4}}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(201);
        assertThat(generated.json().path("added").asLong()).isEqualTo(1000);
        Answer replay = admin.post("/v1/coupons/" + id + "/codes", "{\"count\": 1000, \"batchId\": \"" + batch + "\"}");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("replayed").asBoolean()).isTrue();

        Answer csv = admin.get("/v1/coupons/" + id + "/codes.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).startsWith("code,state,uses");
        String oneCode = lines.get(1).split(",")[0];
        assertThat(oneCode).matches("C-[A-Z0-9]{4}-[A-Z0-9]{4}");

        Answer applied = checkout.post("/v1/apply", ServiceClient.checkoutBody(unique("co-"), unique("u-"), oneCode));
        assertThat(applied.json().path("usages").size()).as(applied.body()).isEqualTo(1);
        assertThat(admin.get("/v1/codes/" + oneCode).json().path("state").asString()).isEqualTo("LOCKED");
        assertThat(admin.get("/v1/coupons/" + id + "/codes.csv").body()).contains(oneCode + ",LOCKED,1");

        Answer badImport = admin.send("POST", "/v1/coupons/" + id + "/codes.csv?batchId=" + unique("i-"), "text/csv",
                "code\nIMPORT-ONE-1\n" + oneCode + "\nno good!\n");
        assertThat(badImport.status()).as(badImport.body()).isEqualTo(400);
        assertThat(badImport.json().path("errors").size()).isEqualTo(2);
        assertThat(badImport.json().at("/errors/0/line").asLong()).isEqualTo(3);
        assertThat(admin.get("/v1/codes/IMPORT-ONE-1").status()).isEqualTo(404);

        Answer goodImport = admin.send("POST", "/v1/coupons/" + id + "/codes.csv?batchId=" + unique("i-"), "text/csv",
                "code\nIMPORT-ONE-1\nIMPORT-TWO-2\n");
        assertThat(goodImport.status()).as(goodImport.body()).isEqualTo(201);
        assertThat(admin.get("/v1/codes/IMPORT-TWO-2").json().path("state").asString()).isEqualTo("UNUSED");

        Answer voided = admin.post("/v1/codes/IMPORT-TWO-2/void", "{\"reason\": \"leaked\"}");
        assertThat(voided.json().path("state").asString()).isEqualTo("VOIDED");

        Answer tooMany = admin.post("/v1/coupons/" + id + "/codes", "{\"count\": 1000001}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("jsonPath").asString()).isEqualTo("$.count");
    }

    @Test
    void maintenanceRunsTheSweepAndTheRelay() {
        Answer sweep = admin.post("/v1/maintenance/expire-locks?max=10", null);
        assertThat(sweep.status()).isEqualTo(200);
        assertThat(sweep.json().has("expired")).isTrue();
        assertThat(admin.post("/v1/maintenance/relay", null).json().has("published")).isTrue();
        assertThat(admin.post("/v1/maintenance/expire-locks?max=0", null).status()).isEqualTo(400);
    }
}
