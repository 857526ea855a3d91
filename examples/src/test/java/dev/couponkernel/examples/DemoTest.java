package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.value.Money;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README's demo so that the command it documents cannot rot. */
class DemoTest {

    @Test
    void demoPrintsARealPricingDecision() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PricingDecision decision = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("SHOES20", "FIVEOFF", "FREESHIP");
        assertThat(decision.rejected()).extracting(RejectedCoupon::reason).containsExactly(
                RejectionReason.EXPIRED, RejectionReason.NOT_COMBINABLE, RejectionReason.UNKNOWN_CODE);
        assertThat(decision.totalAfter()).isEqualTo(Money.of("83.00", "EUR"));
        assertThat(out).contains("Customer u-42 types:", "SHOES20", "-12.00 EUR", "XMAS24", "UNKNOWN_CODE",
                "customer pays 83.00 EUR", "checkout-1 locked 1 use(s)", "checkout-2 locked 0 use(s): TOTAL_LIMIT_REACHED",
                "redeem for order-1001: REDEEMED", "USAGE_REDEEMED");
    }
}
