package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Listeners hear every verdict in the order they were added; one that throws changes nothing. */
class FraudVerdictListenerTest {

    @Test
    void everyVerdictIsHeardAndAThrowingListenerChangesNothing() {
        List<String> heard = new CopyOnWriteArrayList<>();
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log)
                .provider(check -> List.of(FraudSignal.of("host-blocklist",
                        check.attempt().codeAsTyped().equals("BLOCKED") ? 100 : 0, "listed")))
                .listener(v -> heard.add("first " + v.decision()))
                .listener(v -> {
                    throw new IllegalStateException("a broken metrics listener");
                })
                .listener(v -> heard.add("third " + v.decision() + " " + v.signals().stream().map(FraudSignal::name).toList()))
                .build());
        h.active(CouponDefinition.builder("BLOCKED").percentOff(10).build());
        h.active(CouponDefinition.builder("FINE10").percentOff(10).build());

        var blocked = h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "BLOCKED"));
        var fine = h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "FINE10"));

        assertThat(blocked.rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.SUSPECTED_FRAUD);
        assertThat(fine.applied()).hasSize(1);
        assertThat(heard).containsExactly("first " + FraudDecision.BLOCK, "third BLOCK [host-blocklist]",
                "first " + FraudDecision.ALLOW, "third ALLOW []");
    }
}
