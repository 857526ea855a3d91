package dev.couponkernel.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.value.Money;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each kind of bad input fails with a specific message at the right JSON path, and nothing is returned. */
class StrictReadingTest {

    private static final CouponJson JSON = CouponJson.create();
    private static final ObjectMapper TREE = new ObjectMapper();

    private static CouponJsonException fails(String json, Class<?> type) {
        CouponJsonException e = catchThrowableOfType(() -> JSON.read(json, type), CouponJsonException.class);
        assertThat(e).as("reading %s as %s must fail", json, type.getSimpleName()).isNotNull();
        return e;
    }

    /** The golden JSON of a sample, changed by {@code edit}. */
    private static String edited(Object sample, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode node = (ObjectNode) TREE.readTree(JSON.write(sample));
        edit.accept(node);
        return TREE.writeValueAsString(node);
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws Exception {
        CouponJsonException e = fails(edited(Samples.cart(), n -> n.remove("shipping")), Cart.class);
        assertThat(e.jsonPath()).isEqualTo("$.shipping");
        assertThat(e.problem()).isEqualTo("is required");
    }

    @Test
    void aNullRequiredFieldIsMissingToo() throws Exception {
        CouponJsonException e = fails(edited(Samples.applyRequest(), n -> n.putNull("checkoutId")), ApplyRequest.class);
        assertThat(e.jsonPath()).isEqualTo("$.checkoutId");
    }

    @Test
    void aWrongTypeIsNamedWithWhatCame() throws Exception {
        CouponJsonException e = fails(edited(Samples.cart(), n -> ((ObjectNode) n.get("lines").get(1)).put("quantity", "3")), Cart.class);
        assertThat(e.jsonPath()).isEqualTo("$.lines[1].quantity");
        assertThat(e.problem()).contains("must be a whole number", "a string");
    }

    @Test
    void aMaximumOutside32BitsIsNamed() throws Exception {
        CouponJsonException e = fails(edited(Samples.perUnitAmount(), n -> ((ObjectNode) n.get("discount"))
                .put("maxUnits", -9_999_999_999L)), dev.couponkernel.spi.coupon.CouponDefinition.class);
        assertThat(e.jsonPath()).isEqualTo("$.discount.maxUnits");
        assertThat(e.problem()).contains("must be between", "-9999999999");
        CouponJsonException tooMany = fails(edited(Samples.perUnitAmount(), n -> ((ObjectNode) n.get("discount"))
                .put("maxUnits", 2_000_000)), dev.couponkernel.spi.coupon.CouponDefinition.class);
        assertThat(tooMany.problem()).contains("discount.maxUnits", "must be 1 to 1000000, was 2000000");
    }

    @Test
    void aQuantityWithAFractionIsRefused() throws Exception {
        CouponJsonException e = fails(edited(Samples.cart(), n -> ((ObjectNode) n.get("lines").get(0)).put("quantity", 1.5)), Cart.class);
        assertThat(e.jsonPath()).isEqualTo("$.lines[0].quantity");
        assertThat(e.problem()).contains("without a fraction", "1.5");
    }

    @Test
    void moneyAsAJsonNumberIsRefused() {
        CouponJsonException e = fails("{\"amount\": 12.34, \"currency\": \"EUR\"}", Money.class);
        assertThat(e.jsonPath()).isEqualTo("$.amount");
        assertThat(e.problem()).contains("decimal string", "not a JSON number");
        assertThat(fails("{\"amount\": 12, \"currency\": \"EUR\"}", Money.class).jsonPath()).isEqualTo("$.amount");
    }

    @Test
    void moneyMorePreciseThanItsCurrencyIsRefused() {
        CouponJsonException e = fails("{\"amount\": \"1.234\", \"currency\": \"EUR\"}", Money.class);
        assertThat(e.jsonPath()).isEqualTo("$.amount");
        assertThat(e.problem()).contains("more decimal places than EUR allows (2)");
        assertThat(fails("{\"amount\": \"1.5\", \"currency\": \"JPY\"}", Money.class).problem()).contains("JPY allows (0)");
    }

    @Test
    void negativeOverflowingAndExponentAmountsAreRefused() {
        assertThat(fails("{\"amount\": \"-1.00\", \"currency\": \"EUR\"}", Money.class).problem()).contains("must not be negative");
        assertThat(fails("{\"amount\": \"92233720368547758.08\", \"currency\": \"EUR\"}", Money.class).problem()).contains("too large");
        assertThat(fails("{\"amount\": \"1e3\", \"currency\": \"EUR\"}", Money.class).problem()).contains("plain decimal");
        assertThat(fails("{\"amount\": \" 1.00\", \"currency\": \"EUR\"}", Money.class).problem()).contains("plain decimal");
        assertThat(fails("{\"amount\": \"" + "9".repeat(41) + "\", \"currency\": \"EUR\"}", Money.class).problem())
                .contains("41 characters");
    }

    @Test
    void anUnknownCurrencyIsRefused() {
        CouponJsonException e = fails("{\"amount\": \"1.00\", \"currency\": \"XYZ\"}", Money.class);
        assertThat(e.jsonPath()).isEqualTo("$.currency");
        assertThat(e.problem()).contains("'XYZ' is not an ISO 4217 currency code");
        assertThat(fails("{\"amount\": \"1.00\", \"currency\": \"eur\"}", Money.class).problem()).contains("three capital letters");
    }

    @Test
    void mixedCurrenciesInACartAreRefused() throws Exception {
        String json = edited(Samples.cart(), n -> ((ObjectNode) n.get("lines").get(1).get("unitPrice")).put("currency", "USD"));
        CouponJsonException e = fails(json, Cart.class);
        assertThat(e.jsonPath()).isEqualTo("$");
        assertThat(e.problem()).contains("USD", "EUR");
    }

    @Test
    void aMalformedCodeIsRefusedWithTheOffendingCharacter() throws Exception {
        CouponJsonException e = fails(edited(Samples.percentWithCap(), n -> n.put("code", "SHOES 20!")), CouponDefinition.class);
        assertThat(e.jsonPath()).isEqualTo("$.code");
        assertThat(e.problem()).contains("SHOES 20!");
    }

    @Test
    void contradictoryLimitsAndAValidityEndingBeforeItStartsAreRefused() throws Exception {
        CouponJsonException limits = fails(edited(Samples.percentWithCap(), n -> ((ObjectNode) n.get("limits"))
                .put("maxTotalUses", 1).put("maxUsesPerUser", 5)), CouponDefinition.class);
        assertThat(limits.jsonPath()).isEqualTo("$.limits");
        CouponJsonException validity = fails(edited(Samples.percentWithCap(), n -> ((ObjectNode) n.get("validity"))
                .put("validUntil", "2026-10-01T00:00:00Z")), CouponDefinition.class);
        assertThat(validity.jsonPath()).isEqualTo("$.validity");
    }

    @Test
    void anInstantThatIsNotIso8601IsRefused() throws Exception {
        CouponJsonException e = fails(edited(Samples.customer(), n -> n.put("accountCreatedAt", "24.11.2026")),
                dev.couponkernel.spi.cart.Customer.class);
        assertThat(e.jsonPath()).isEqualTo("$.accountCreatedAt");
        assertThat(e.problem()).contains("ISO-8601");
    }

    @Test
    void anInstantWithAnOffsetOrBeyondYear9999IsRefused() throws Exception {
        for (String bad : new String[] {"2026-11-24T10:15:30+02:00", "2026-11-24T10:15:30+00:00",
                "+300000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-11-24T10:15:30" + "0".repeat(10_000) + "Z"}) {
            CouponJsonException e = fails(edited(Samples.customer(), n -> n.put("accountCreatedAt", bad)),
                    dev.couponkernel.spi.cart.Customer.class);
            assertThat(e.jsonPath()).isEqualTo("$.accountCreatedAt");
            assertThat(e.problem()).contains("in UTC").hasSizeLessThan(300);
        }
    }

    @Test
    void aRequestWithMoreCodesThanTheMostARequestCarriesIsRefused() throws Exception {
        ObjectNode apply = (ObjectNode) TREE.readTree(JSON.write(
                dev.couponkernel.core.ApplyRequest.of("chk-1", "u-1", "cart-1", "SUMMER10")));
        var codes = apply.putArray("codes");
        for (int i = 0; i < 200_000; i++) {
            codes.add("CODE" + i);
        }
        CouponJsonException e = fails(TREE.writeValueAsString(apply), dev.couponkernel.core.ApplyRequest.class);
        assertThat(e.jsonPath()).isEqualTo("$.codes");
        var few = apply.putArray("codes");
        for (int i = 0; i < 101; i++) {
            few.add("CODE" + i);
        }
        CouponJsonException e2 = fails(TREE.writeValueAsString(apply), dev.couponkernel.core.ApplyRequest.class);
        assertThat(e2.problem()).contains("at most 100");
    }

    @Test
    void anUnknownEventTypeIsRefused() throws Exception {
        CouponJsonException e = fails(edited(Samples.applied(), n -> n.put("type", "CouponStolen")), CouponEvent.class);
        assertThat(e.jsonPath()).isEqualTo("$.type");
        assertThat(e.problem()).contains("CouponStolen", "CouponApplied");
    }

    @Test
    void anEventOfANewerSchemaVersionIsRefused() throws Exception {
        CouponJsonException e = fails(edited(Samples.applied(), n -> n.put("schemaVersion", 2)), CouponEvent.class);
        assertThat(e.jsonPath()).isEqualTo("$.schemaVersion");
    }

    @Test
    void anEventReadAsTheWrongSubtypeIsRefused() throws Exception {
        CouponJsonException e = fails(JSON.write(Samples.redeemed()), CouponApplied.class);
        assertThat(e.problem()).contains("CouponRedeemed", "not a CouponApplied");
    }

    @Test
    void eventsAndEnvelopesTolerateFieldsAddedLater() throws Exception {
        String event = edited(Samples.applied(), n -> n.put("channel", "web").putObject("extra").put("a", 1));
        assertThat(JSON.read(event, CouponEvent.class)).isEqualTo(Samples.applied());
        String envelope = edited(Samples.envelope(), n -> n.put("partition", 3));
        assertThat(JSON.read(envelope, EventEnvelope.class)).isEqualTo(Samples.envelope());
    }

    @Test
    void commandsRefuseUnknownFieldsSoATypoFails() throws Exception {
        CouponJsonException e = fails(edited(Samples.applyRequest(), n -> n.put("chanel", "web")), ApplyRequest.class);
        assertThat(e.jsonPath()).isEqualTo("$.chanel");
        assertThat(e.problem()).contains("not a known field", "channel");
    }

    @Test
    void aDecisionWithAnEditedTotalIsRefused() throws Exception {
        String json = edited(Samples.decision(), n -> ((ObjectNode) n.get("totalAfter")).put("amount", "1.00"));
        CouponJsonException e = fails(json, PricingDecision.class);
        assertThat(e.jsonPath()).isEqualTo("$.totalAfter");
        assertThat(e.problem()).contains("derived figures are not trusted");
        String inconsistentLine = edited(Samples.decision(), n -> ((ObjectNode) n.get("lines").get(0).get("after")).put("amount", "0.00"));
        assertThat(fails(inconsistentLine, PricingDecision.class).jsonPath()).isEqualTo("$.lines[0]");
        String otherLines = edited(Samples.decision(), n -> {
            ObjectNode line = (ObjectNode) n.get("lines").get(1);
            ((ObjectNode) line.get("discount")).put("amount", "1.00");
            ((ObjectNode) line.get("after")).put("amount", "12.50");
        });
        CouponJsonException lines = fails(otherLines, PricingDecision.class);
        assertThat(lines.jsonPath()).isEqualTo("$.lines");
        assertThat(lines.problem()).contains("do not match");
    }

    @Test
    void malformedJsonDuplicateKeysTrailingTokensAndNullAreRefused() {
        assertThat(fails("{\"amount\": \"1.00\", \"currency\": ", Money.class).problem()).startsWith("not valid JSON");
        assertThat(fails("{\"amount\": \"1.00\", \"amount\": \"2.00\", \"currency\": \"EUR\"}", Money.class).problem())
                .contains("Duplicate field 'amount'");
        assertThat(fails("{\"amount\": \"1.00\", \"currency\": \"EUR\"} {}", Money.class).problem()).contains("Trailing token");
        assertThat(fails("null", Money.class).problem()).contains("is null");
        assertThat(fails("[]", Money.class).problem()).contains("must be a JSON object, was an array");
        assertThat(fails("", Money.class).jsonPath()).isEqualTo("$");
    }

    @Test
    void aDeepPathIsReportedWholly() throws Exception {
        String json = edited(Samples.applyResult(), n -> ((ObjectNode) n.get("decision").get("applied").get(0)
                .get("allocations").get(0).get("amount")).put("currency", "EURO"));
        CouponJsonException e = fails(json, dev.couponkernel.core.ApplyResult.class);
        assertThat(e.jsonPath()).isEqualTo("$.decision.applied[0].allocations[0].amount.currency");
    }
}
