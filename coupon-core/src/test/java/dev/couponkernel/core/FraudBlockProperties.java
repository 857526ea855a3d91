package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A BLOCK never leaves a lock, a usage or a count change behind: whatever the codes, the other
 * checkouts before, and which codes the guard blocks, a blocked coupon's counts and usages are those
 * before the attempt, and its audit trail gains only the refusal and alerts.
 */
class FraudBlockProperties {

    private static final List<String> CODES = List.of("ALPHA10", "BRAVO10", "CHARLIE10", "DELTA10");

    @Provide
    Arbitrary<List<String>> codeLists() {
        return Arbitraries.of(CODES).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 200)
    void aBlockLeavesNoLockUsageOrCountChange(@ForAll("codeLists") List<String> typed,
            @ForAll @Size(max = 4) Set<@IntRange(max = 3) Integer> blockedIndexes,
            @ForAll @IntRange(max = 6) int earlierCheckouts, @ForAll boolean validateFirst) {
        Set<String> blocked = new java.util.HashSet<>();
        blockedIndexes.forEach(i -> blocked.add(CODES.get(i)));
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log).standardProviders()
                .provider(check -> blocked.contains(check.attempt().normalizedCode())
                        ? List.of(FraudSignal.of("host.blocklist", 100, "on the host's block list"))
                        : List.of())
                .build());
        List<CouponRecord> coupons = new ArrayList<>();
        for (String code : CODES) {
            coupons.add(h.active(CouponDefinition.builder(code).percentOff(5).limits(UsageLimits.of(4, 2)).build()));
        }
        // other customers use unblocked coupons first, some up to their limit
        for (int i = 0; i < earlierCheckouts; i++) {
            List<String> allowed = CODES.stream().filter(c -> !blocked.contains(c)).toList();
            if (!allowed.isEmpty()) {
                h.kernel.apply(ApplyRequest.of("early-" + i, "u-" + (10 + i % 3), "cart-1", allowed.get(i % allowed.size())));
            }
        }
        UserId user = UserId.of("u-1");
        List<UsageCount> before = coupons.stream().map(c -> h.storage.ledger().count(c.id(), user)).toList();
        List<Integer> auditBefore = coupons.stream().map(c -> h.kernel.auditTrail(c.id()).size()).toList();

        if (validateFirst) {
            h.kernel.validate(ValidateRequest.of("u-1", "cart-1", typed.toArray(String[]::new)));
        }
        ApplyResult result = h.kernel.apply(ApplyRequest.of("chk-subject", "u-1", "cart-1", typed.toArray(String[]::new)));

        for (int i = 0; i < CODES.size(); i++) {
            CouponRecord c = coupons.get(i);
            if (!blocked.contains(CODES.get(i))) {
                continue;
            }
            assertThat(h.storage.ledger().count(c.id(), user)).as("counts of blocked %s", c.definition().code())
                    .isEqualTo(before.get(i));
            assertThat(h.storage.ledger().usagesOf(CheckoutId.of("chk-subject"))).extracting(UsageRecord::couponId)
                    .doesNotContain(c.id());
            List<AuditEntry> added = h.kernel.auditTrail(c.id()).subList(auditBefore.get(i), h.kernel.auditTrail(c.id()).size());
            assertThat(added).extracting(AuditEntry::action)
                    .allMatch(a -> a == AuditAction.COUPON_REJECTED || a == AuditAction.SECURITY_ALERT);
            if (typed.contains(CODES.get(i))) {
                assertThat(result.decision().rejected()).anyMatch(r -> r.code().equals(c.definition().code())
                        && r.reason() == RejectionReason.SUSPECTED_FRAUD);
                assertThat(added).extracting(AuditEntry::action).contains(AuditAction.COUPON_REJECTED);
            }
        }
        assertThat(result.decision().appliedCodes()).extracting(code -> code.value()).noneMatch(blocked::contains);
        assertThat(result.usages()).hasSize(result.decision().applied().size());
    }
}
