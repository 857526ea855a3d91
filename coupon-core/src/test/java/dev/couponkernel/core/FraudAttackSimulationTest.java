package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.fraud.AutoSuspend;
import dev.couponkernel.core.fraud.CouponFraudRules;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.fraud.FraudThresholds;
import dev.couponkernel.core.fraud.LeakedCodeSignal;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One simulation per attack pattern of docs/fraud_patterns.md, each against the kernel with the
 * standard fraud guard on in-memory storage: the attempt at which the attack is blocked is asserted
 * exactly, the coupon's usage is checked to be untouched by blocked attempts, and where the coupon
 * has an auto-suspension rule, the attempt at which it is suspended.
 */
class FraudAttackSimulationTest {

    private static CouponDefinition coupon(String code) {
        return CouponDefinition.builder(code).percentOff(10).limits(UsageLimits.of(1000, 1)).build();
    }

    private static RejectionReason reasonOf(PricingDecision d, String code) {
        return d.rejected().stream().filter(r -> r.code().value().equals(code)).map(RejectedCoupon::reason).findFirst()
                .orElse(null);
    }

    private static List<SecurityAlertRaised> alerts(KernelHarness h) {
        return h.publishedEvents().stream().filter(SecurityAlertRaised.class::isInstance).map(SecurityAlertRaised.class::cast)
                .toList();
    }

    private static long count(KernelHarness h, Class<? extends CouponEvent> type) {
        return h.publishedEvents().stream().filter(type::isInstance).count();
    }

    /** A bot guessing codes from one device, rotating accounts: blocked at its 5th unknown code, then even with a valid code. */
    @Test
    void aBotEnumeratingCodesIsBlockedAtItsFifthGuessAndThenForItsCoolDown() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        CouponRecord save = h.active(coupon("SAVE10"));
        ClientInfo bot = ClientInfo.of("bot-device", "203.0.113.7", null);

        int firstBlocked = -1;
        for (int i = 1; i <= 20; i++) {
            PricingDecision d = h.kernel.validate(ValidateRequest.of("u-" + i, "cart-1", "GUESS" + i).withClient(bot));
            RejectionReason reason = reasonOf(d, "GUESS" + i);
            assertThat(reason).isIn(RejectionReason.UNKNOWN_CODE, RejectionReason.SUSPECTED_FRAUD);
            if (reason == RejectionReason.SUSPECTED_FRAUD && firstBlocked < 0) {
                firstBlocked = i;
            }
            if (firstBlocked > 0) {
                assertThat(reason).as("guess %d after the first block", i).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
            }
            h.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(firstBlocked).isEqualTo(5);

        // a valid code from the bot's device, with yet another account: refused, nothing locked, audited
        ApplyResult valid = h.kernel.apply(ApplyRequest.of("chk-bot", "u-21", "cart-1", "SAVE10").withClient(bot));
        assertThat(valid.usages()).isEmpty();
        assertThat(reasonOf(valid.decision(), "SAVE10")).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
        assertThat(valid.fraud()).singleElement().satisfies(v -> assertThat(v.signals()).extracting(FraudSignal::name)
                .contains("code-enumeration.device"));
        assertThat(h.storage.ledger().count(save.id(), UserId.of("u-21")).total()).isZero();
        assertThat(h.publishedEvents()).filteredOn(CouponRejected.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((CouponRejected) e).userId()).isEqualTo(UserId.of("u-21")));
        assertThat(alerts(h)).extracting(SecurityAlertRaised::level).containsExactly(AlertLevel.BLOCK);

        // another customer on another device is not affected
        ApplyResult other = h.kernel.apply(ApplyRequest.of("chk-ok", "u-100", "cart-1", "SAVE10")
                .withClient(ClientInfo.of("phone-100", "198.51.100.100", null)));
        assertThat(other.usages()).hasSize(1);

        // 30 minutes after its last guess the device may use a valid code again
        h.clock.advance(Duration.ofMinutes(30));
        ApplyResult later = h.kernel.apply(ApplyRequest.of("chk-bot-2", "u-22", "cart-1", "SAVE10").withClient(bot));
        assertThat(later.usages()).hasSize(1);
        assertThat(h.kernel.verifyAuditTrail(save.id()).isIntact()).isTrue();
    }

    /** The same bot behind one IP but a new device fingerprint per guess is blocked by the IP rule, at its 15th guess. */
    @Test
    void aBotRotatingDevicesIsBlockedByItsIpAtItsFifteenthGuess() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        int firstBlocked = -1;
        for (int i = 1; i <= 20 && firstBlocked < 0; i++) {
            PricingDecision d = h.kernel.validate(ValidateRequest.of("u-" + i, "cart-1", "GUESS" + i)
                    .withClient(ClientInfo.of("fresh-" + i, "203.0.113.9", null)));
            if (reasonOf(d, "GUESS" + i) == RejectionReason.SUSPECTED_FRAUD) {
                firstBlocked = i;
            }
            h.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(firstBlocked).isEqualTo(15);
    }

    /**
     * 50 accounts on one device: three get the coupon (the third flagged), the fourth on are blocked.
     * The coupon is not suspended: however many accounts, the attacks come from one device, one
     * subject, and the multi-account signal already blocks it (auto-suspension counts distinct subjects).
     */
    @Test
    void fiftyAccountsOnOneDeviceGetThreeUsesAndTheCouponStaysActive() {
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log).standardProviders()
                .couponRules("SAVE10", CouponFraudRules.NONE.withAutoSuspend(AutoSuspend.after(Duration.ofMinutes(10), 10, 50)))
                .build());
        CouponRecord save = h.active(coupon("SAVE10"));

        List<FraudDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-" + i, "u-" + i, "cart-1", "SAVE10")
                    .withClient(ClientInfo.of("farm-phone", "198.51.100." + i, "card-" + i)));
            decisions.add(r.fraud().get(0).decision());
            h.clock.advance(Duration.ofSeconds(2));
        }

        assertThat(decisions.subList(0, 3)).containsExactly(FraudDecision.ALLOW, FraudDecision.ALLOW, FraudDecision.REVIEW);
        assertThat(decisions.subList(3, 50)).containsOnly(FraudDecision.BLOCK);
        assertThat(h.storage.ledger().count(save.id(), UserId.of("u-1")).total()).isEqualTo(3);
        assertThat(h.kernel.findByCode("SAVE10").orElseThrow().status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(alerts(h)).extracting(SecurityAlertRaised::level).containsExactly(AlertLevel.REVIEW, AlertLevel.BLOCK);
        assertThat(count(h, CouponRejected.class)).isEqualTo(47);
        List<AuditEntry> trail = h.kernel.auditTrail(save.id());
        assertThat(trail).filteredOn(e -> e.action() == AuditAction.COUPON_REJECTED).hasSize(47);
        assertThat(trail).noneMatch(e -> e.action() == AuditAction.COUPON_SUSPENDED || e.action() == AuditAction.COUPON_DISABLED);
        assertThat(h.kernel.verifyAuditTrail(save.id()).isIntact()).isTrue();
    }

    /** A private code for one customer spreading: the first other customer is blocked, the coupon suspended at the third. */
    @Test
    void aLeakedPrivateCodeIsBlockedBeyondItsAudienceAndSuspended() {
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log).standardProviders()
                .provider(LeakedCodeSignal.defaults().privateCode("VIP-ANNA", 1))
                .couponRules("VIP-ANNA", CouponFraudRules.NONE.withAutoSuspend(AutoSuspend.after(Duration.ofHours(1), 3, 50)))
                .build());
        CouponRecord vip = h.active(coupon("VIP-ANNA"));

        // Anna checks it on her laptop and her phone, then uses it
        assertThat(h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "VIP-ANNA")
                .withClient(ClientInfo.of("anna-laptop", "192.0.2.1", null))).appliedCodes()).hasSize(1);
        assertThat(h.kernel.apply(ApplyRequest.of("chk-anna", "u-1", "cart-1", "VIP-ANNA")
                .withClient(ClientInfo.of("anna-phone", "192.0.2.2", null))).usages()).hasSize(1);

        List<RejectionReason> others = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            h.clock.advance(Duration.ofMinutes(3));
            ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-" + i, "u-" + i, "cart-1", "VIP-ANNA")
                    .withClient(ClientInfo.of("device-" + i, "198.51.100." + i, null)));
            others.add(reasonOf(r.decision(), "VIP-ANNA"));
            assertThat(r.usages()).isEmpty();
        }
        assertThat(others.subList(0, 3)).containsOnly(RejectionReason.SUSPECTED_FRAUD);
        assertThat(h.kernel.findByCode("VIP-ANNA").orElseThrow().status()).isEqualTo(CouponStatus.SUSPENDED);
        assertThat(h.storage.ledger().count(vip.id(), UserId.of("u-1")).total()).isEqualTo(1);
        assertThat(alerts(h)).extracting(SecurityAlertRaised::level).containsExactly(AlertLevel.BLOCK, AlertLevel.SUSPENDED);
        assertThat(h.attempts.count(AttemptQuery.where(AttemptField.COUPON, vip.id().value(), Fixtures.NOW)
                .withOutcomes(AttemptOutcome.BLOCKED))).isEqualTo(4);
    }

    /** The owner of a private code on a third device is blocked too: more devices than one customer explains. */
    @Test
    void aPrivateCodeOnTooManyDevicesIsBlocked() {
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log).standardProviders()
                .provider(LeakedCodeSignal.defaults().privateCode("VIP-ANNA", 1)).build());
        h.active(coupon("VIP-ANNA"));
        List<Boolean> accepted = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            PricingDecision decision = h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "VIP-ANNA")
                    .withClient(ClientInfo.of("anna-device-" + d, "192.0.2.1", null)));
            accepted.add(!decision.appliedCodes().isEmpty());
        }
        assertThat(accepted).containsExactly(true, true, false);
    }

    /** One customer hammering a valid code: flagged from the 11th attempt within a minute, blocked from the 14th. */
    @Test
    void aVelocityBurstIsFlaggedAtTheEleventhAndBlockedAtTheFourteenthAttempt() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        h.active(coupon("SAVE10"));
        ClientInfo phone = ClientInfo.of("phone-7", "198.51.100.7", null);
        List<FraudDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-" + i, "u-7", "cart-1", "SAVE10").withClient(phone));
            decisions.add(r.fraud().get(0).decision());
            h.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(decisions.indexOf(FraudDecision.REVIEW) + 1).isEqualTo(11);
        assertThat(decisions.indexOf(FraudDecision.BLOCK) + 1).isEqualTo(14);
        assertThat(decisions.subList(13, 20)).containsOnly(FraudDecision.BLOCK);

        h.clock.advance(Duration.ofSeconds(61));
        ApplyResult calm = h.kernel.apply(ApplyRequest.of("chk-calm", "u-7", "cart-1", "SAVE10").withClient(phone));
        assertThat(calm.fraud().get(0).decision()).isEqualTo(FraudDecision.ALLOW);
    }

    /** A day-old account with a coupon worth most of its cart is flagged, applied, and alerted; not blocked. */
    @Test
    void aNewAccountWithAHighValueCouponIsFlaggedForReview() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        h.customers.put(UserId.of("new-1"), Customer.of("new-1", Fixtures.NOW.minus(Duration.ofHours(3)), 0));
        CouponRecord big = h.active(CouponDefinition.builder("WELCOME60").percentOff(60).build());

        ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-new", "new-1", "cart-1", "WELCOME60")
                .withClient(ClientInfo.of("phone-new", "198.51.100.50", null)));

        assertThat(r.usages()).hasSize(1);
        assertThat(r.flaggedForReview()).isTrue();
        assertThat(r.fraud().get(0).signals()).extracting(FraudSignal::name).containsExactly("new-account.high-value");
        assertThat(alerts(h)).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(AlertLevel.REVIEW);
            assertThat(a.couponId()).isEqualTo(big.id());
            assertThat(a.userId()).isEqualTo(UserId.of("new-1"));
        });
        // a regular customer with the same coupon is not flagged
        ApplyResult regular = h.kernel.apply(ApplyRequest.of("chk-old", "u-3", "cart-1", "WELCOME60"));
        assertThat(regular.flaggedForReview()).isFalse();
    }

    /** A coupon's own thresholds override the global ones: the same review-level signal blocks it. */
    @Test
    void aCouponsOwnThresholdsOverrideTheGlobalOnes() {
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log).standardProviders()
                .couponRules("STRICT60", CouponFraudRules.NONE.withThresholds(FraudThresholds.of(20, 40))).build());
        h.customers.put(UserId.of("new-1"), Customer.of("new-1", Fixtures.NOW.minus(Duration.ofHours(3)), 0));
        h.active(CouponDefinition.builder("STRICT60").percentOff(60).build());
        h.active(CouponDefinition.builder("LOOSE60").percentOff(60).build());

        assertThat(reasonOf(h.kernel.validate(ValidateRequest.of("new-1", "cart-1", "STRICT60")), "STRICT60"))
                .isEqualTo(RejectionReason.SUSPECTED_FRAUD);
        assertThat(h.kernel.validate(ValidateRequest.of("new-1", "cart-1", "LOOSE60")).appliedCodes()).hasSize(1);
    }

    /** A provider that throws fails open by default (recorded as evidence) and closed when configured so. */
    @Test
    void aFailingProviderFailsOpenByDefaultAndClosedWhenConfigured() {
        dev.couponkernel.spi.fraud.FraudSignalProvider broken = check -> {
            throw new IllegalStateException("fraud service unreachable");
        };
        KernelHarness open = new KernelHarness(log -> FraudGuard.builder(log).provider(broken).build());
        open.active(coupon("SAVE10"));
        ApplyResult r = open.kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "SAVE10"));
        assertThat(r.usages()).hasSize(1);
        assertThat(r.fraud().get(0).signals()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("provider-error");
            assertThat(s.evidence()).contains("fraud service unreachable");
        });

        KernelHarness closed = new KernelHarness(log -> FraudGuard.builder(log).provider(broken).failureScore(100).build());
        closed.active(coupon("SAVE10"));
        ApplyResult refused = closed.kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "SAVE10"));
        assertThat(refused.usages()).isEmpty();
        assertThat(reasonOf(refused.decision(), "SAVE10")).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
    }

    /** A malformed code still fails the request, and is recorded as an unknown-code attempt that counts towards enumeration. */
    @Test
    void malformedCodesAreRecordedBeforeTheRequestFails() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "bad code!")))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(h.attempts.size()).isEqualTo(4);
        PricingDecision fifth = h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "NOPE1"));
        assertThat(reasonOf(fifth, "NOPE1")).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
    }

    /** Without a guard nothing is recorded and nothing is screened. */
    @Test
    void withoutAGuardNothingIsRecorded() {
        KernelHarness h = new KernelHarness();
        h.active(coupon("SAVE10"));
        for (int i = 0; i < 20; i++) {
            h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "GUESS" + i));
        }
        ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "SAVE10"));
        assertThat(r.usages()).hasSize(1);
        assertThat(r.fraud()).isEmpty();
        assertThat(h.attempts.size()).isZero();
        assertThat(h.kernel.auditTrail(r.usages().get(0).couponId())).extracting(AuditEntry::action)
                .doesNotContain(AuditAction.COUPON_REJECTED, AuditAction.SECURITY_ALERT);
    }
}
