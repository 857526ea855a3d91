package dev.couponkernel.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.jackson.Samples;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.value.Money;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input fails in the Jackson 3 module with the Jackson 2 module's JSON path and problem, as a
 * {@link CouponJsonException}; the module is found by Jackson's service loading and reports the
 * build's version.
 */
class StrictReadingTest {

    private static final CouponJson JSON3 = CouponJson.create();
    private static final dev.couponkernel.jackson.CouponJson JSON2 = dev.couponkernel.jackson.CouponJson.create();
    private static final JsonMapper TREE = JsonMapper.builder().build();

    record Bad(String name, String json, Class<?> type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bad> bad() {
        ObjectNode cart = (ObjectNode) TREE.readTree(JSON3.write(Samples.cart()));
        ObjectNode noShipping = cart.deepCopy();
        noShipping.remove("shipping");
        ObjectNode stringQuantity = cart.deepCopy();
        ((ObjectNode) stringQuantity.get("lines").get(0)).put("quantity", "3");
        ObjectNode fraction = cart.deepCopy();
        ((ObjectNode) fraction.get("lines").get(0)).put("quantity", 1.5);
        ObjectNode apply = (ObjectNode) TREE.readTree(JSON3.write(Samples.applyRequest()));
        ObjectNode unknownField = apply.deepCopy();
        unknownField.put("totall", "1.00");
        ObjectNode nullCheckout = apply.deepCopy();
        nullCheckout.putNull("checkoutId");
        return List.of(
                new Bad("missing field", noShipping.toString(), Cart.class),
                new Bad("a string for a number", stringQuantity.toString(), Cart.class),
                new Bad("a fraction for a quantity", fraction.toString(), Cart.class),
                new Bad("an unknown field", unknownField.toString(), ApplyRequest.class),
                new Bad("null for a required field", nullCheckout.toString(), ApplyRequest.class),
                new Bad("money as a number", "{\"amount\": 12.34, \"currency\": \"EUR\"}", Money.class),
                new Bad("an unknown currency", "{\"amount\": \"1.00\", \"currency\": \"XXY\"}", Money.class),
                new Bad("an unknown discount", JSON3.write(Samples.percentWithCap()).replace("\"PERCENT\"", "\"BOGO\""),
                        CouponDefinition.class),
                new Bad("an unknown event type", JSON3.write(Samples.envelope()).replace("CouponApplied", "CouponFlown"),
                        EventEnvelope.class),
                new Bad("a duplicate key", "{\"amount\": \"1.00\", \"amount\": \"2.00\", \"currency\": \"EUR\"}", Money.class),
                new Bad("not JSON", "{\"amount\": ", Money.class),
                new Bad("null", "null", Money.class));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void failsWhereAndAsTheJackson2ModuleFails(Bad bad) {
        dev.couponkernel.jackson.CouponJsonException two = catchThrowableOfType(() -> JSON2.read(bad.json(), bad.type()),
                dev.couponkernel.jackson.CouponJsonException.class);
        CouponJsonException three = catchThrowableOfType(() -> JSON3.read(bad.json(), bad.type()), CouponJsonException.class);
        assertThat(two).as("Jackson 2 refuses %s", bad).isNotNull();
        assertThat(three).as("Jackson 3 refuses %s", bad).isNotNull();
        assertThat(three.jsonPath()).isEqualTo(two.jsonPath());
        if (!bad.name().equals("not JSON") && !bad.name().equals("a duplicate key")) {
            assertThat(three.problem()).isEqualTo(two.problem());   // the parsers' own messages differ
        }
    }

    @Test
    void theModuleIsFoundAndReportsTheBuildsVersion() {
        JsonMapper found = JsonMapper.builder().findAndAddModules().build();
        assertThat(found.registeredModules()).anyMatch(m -> m instanceof CouponKernelModule);
        JsonNode money = found.readTree(found.writeValueAsString(Money.of("12.34", "EUR")));
        assertThat(money.get("amount").stringValue()).isEqualTo("12.34");
        assertThat(CouponKernelModule.moduleVersion().toString()).isEqualTo(System.getProperty("project.version"));
    }

}
