package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.campaign.CodeImport;
import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.core.campaign.ImportLine;
import dev.couponkernel.core.campaign.LineError;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.CouponCodeVoided;
import dev.couponkernel.spi.event.CouponCodesAdded;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.store.CodeState;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Campaigns through the kernel: generating codes into a campaign (with progress, idempotent by batch
 * id, never a code stored twice), importing codes all or nothing with an error per line, a customer
 * applying one unique code (its use counted per code and against the campaign's limits), voiding a
 * code, the campaign's own code not accepted at checkout, and a guesser of unique codes slowed by the
 * fraud guard.
 */
class CampaignTest {

    private final KernelHarness h = new KernelHarness();

    private CouponRecord campaign(UsageLimits limits) {
        return h.active(CouponDefinition.builder("NEWSLETTER").percentOff(10).limits(limits).codes(CodeMode.UNIQUE).build());
    }

    private static final CodePattern PATTERN = CodePattern.builder().prefix("NL-").length(8).groupsOf(4).build();

    @Test
    void generatedCodesAreStoredOnceWithProgressAndARetryAddsNothing() {
        CouponRecord campaign = campaign(UsageLimits.unlimited().withPerCode(1));
        List<Long> progress = new ArrayList<>();

        CodeBatch batch = h.kernel.campaigns().generate(campaign.id(), PATTERN, 10_000, "nl-1", KernelHarness.STAFF, progress::add);

        assertThat(batch.added()).isEqualTo(10_000);
        assertThat(batch.replayed()).isFalse();
        assertThat(progress).hasSizeBetween(100, 102).isSorted().endsWith(10_000L);
        assertThat(h.kernel.campaigns().count(campaign.id())).isEqualTo(10_000);
        List<CodeRecord> rows = new ArrayList<>();
        h.kernel.campaigns().export(campaign.id(), rows::add);
        assertThat(rows).hasSize(10_000).allSatisfy(r -> {
            assertThat(PATTERN.matches(r.code())).isTrue();
            assertThat(r.state()).isEqualTo(CodeState.UNUSED);
        });
        assertThat(rows).extracting(CodeRecord::code).doesNotHaveDuplicates();

        CodeBatch again = h.kernel.campaigns().generate(campaign.id(), PATTERN, 10_000, "nl-1", KernelHarness.STAFF, p -> { });
        assertThat(again.replayed()).isTrue();
        assertThat(h.kernel.campaigns().count(campaign.id())).as("the retry added nothing").isEqualTo(10_000);

        CodeBatch second = h.kernel.campaigns().generate(campaign.id(), PATTERN, 5_000, "nl-2", KernelHarness.STAFF, p -> { });
        assertThat(second.added()).isEqualTo(5_000);
        assertThat(h.kernel.campaigns().count(campaign.id())).isEqualTo(15_000);
        assertThat(h.publishedEvents()).filteredOn(CouponCodesAdded.class::isInstance).hasSize(2);
    }

    @Test
    void generationRefusesAPatternWithoutRoomAndACouponOfOneSharedCode() {
        CouponRecord campaign = campaign(UsageLimits.unlimited());
        CodePattern small = CodePattern.builder().charset(CodePattern.DIGITS).length(8).build(); // 100 codes at 1 in 1,000,000
        assertThatThrownBy(() -> h.kernel.campaigns().generate(campaign.id(), small, 1_000, "b", KernelHarness.STAFF, p -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("count");
        CouponRecord shared = h.active(CouponDefinition.builder("SHARED10").percentOff(10).build());
        assertThatThrownBy(() -> h.kernel.campaigns().generate(shared.id(), PATTERN, 10, "c", KernelHarness.STAFF, p -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("couponId");
        assertThat(h.kernel.campaigns().count(campaign.id())).isZero();
    }

    @Test
    void anImportWithAFaultyLineStoresNothingAndNamesEachLine() {
        CouponRecord campaign = campaign(UsageLimits.unlimited());
        h.active(CouponDefinition.builder("TAKEN10").percentOff(10).build());
        List<ImportLine> lines = List.of(new ImportLine(1, "GOOD-1"), new ImportLine(2, "x"), new ImportLine(3, "GOOD-1"),
                new ImportLine(4, "taken10"), new ImportLine(5, "GOOD-2"));

        CodeImport failed = h.kernel.campaigns().importCodes(campaign.id(), lines.iterator(), "imp-1", KernelHarness.STAFF);

        assertThat(failed.stored()).isFalse();
        assertThat(failed.faultyLines()).isEqualTo(3);
        assertThat(failed.errors()).extracting(LineError::line, LineError::reason).containsExactly(
                org.assertj.core.api.Assertions.tuple(2L, LineError.Reason.MALFORMED),
                org.assertj.core.api.Assertions.tuple(3L, LineError.Reason.DUPLICATE),
                org.assertj.core.api.Assertions.tuple(4L, LineError.Reason.TAKEN));
        assertThat(failed.errors().get(1).message()).contains("line 1");
        assertThat(h.kernel.campaigns().count(campaign.id())).isZero();
        assertThat(h.storage.codes().batch("imp-1")).isEmpty();

        CodeImport ok = h.kernel.campaigns().importCodes(campaign.id(),
                List.of(new ImportLine(1, "good-1"), new ImportLine(2, " GOOD-2 ")).iterator(), "imp-1", KernelHarness.STAFF);
        assertThat(ok.stored()).isTrue();
        assertThat(ok.batch().orElseThrow().added()).isEqualTo(2);
        assertThat(h.kernel.campaigns().code("GOOD-2")).map(CodeRecord::batchId).contains("imp-1");
        CodeImport replay = h.kernel.campaigns().importCodes(campaign.id(), List.<ImportLine>of().iterator(), "imp-1",
                KernelHarness.STAFF);
        assertThat(replay.batch().orElseThrow().replayed()).isTrue();
    }

    @Test
    void aCustomerUsesOneUniqueCodeOnceAndTheCampaignCountsAllOfThem() {
        CouponRecord campaign = campaign(UsageLimits.of(2, 1).withPerCode(1));
        h.kernel.campaigns().importCodes(campaign.id(), IntStream.rangeClosed(1, 4)
                .mapToObj(i -> new ImportLine(i, "NL-CODE-" + i)).iterator(), "imp", KernelHarness.STAFF);

        ApplyResult first = h.kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "nl-code-1"));
        assertThat(first.usages()).singleElement().satisfies(u -> assertThat(u.code().value()).isEqualTo("NL-CODE-1"));
        assertThat(first.decision().appliedCodes()).extracting(Object::toString).containsExactly("NL-CODE-1");
        assertThat(h.kernel.campaigns().code("NL-CODE-1")).map(CodeRecord::state).contains(CodeState.LOCKED);

        PricingDecision reused = h.kernel.validate(ValidateRequest.of("u-2", "cart-1", "NL-CODE-1"));
        assertThat(reused.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.CODE_USED_UP));
        ApplyResult reusedApply = h.kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-1", "NL-CODE-1"));
        assertThat(reusedApply.usages()).isEmpty();
        assertThat(reusedApply.decision().rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.CODE_USED_UP);

        ApplyResult sameCustomer = h.kernel.apply(ApplyRequest.of("co-3", "u-1", "cart-1", "NL-CODE-2"));
        assertThat(sameCustomer.decision().rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.USER_LIMIT_REACHED);

        assertThat(h.kernel.apply(ApplyRequest.of("co-4", "u-3", "cart-1", "NL-CODE-2")).usages()).hasSize(1);
        ApplyResult full = h.kernel.apply(ApplyRequest.of("co-5", "u-4", "cart-1", "NL-CODE-3"));
        assertThat(full.decision().rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.TOTAL_LIMIT_REACHED);

        ApplyResult two = h.kernel.apply(ApplyRequest.of("co-6", "u-6", "cart-1", "NL-CODE-3", "NL-CODE-4"));
        assertThat(two.decision().rejected()).as("two codes of one campaign in one checkout")
                .extracting(r -> r.code().value(), r -> r.reason()).contains(
                        org.assertj.core.api.Assertions.tuple("NL-CODE-4", RejectionReason.DUPLICATE_CODE));

        h.kernel.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), KernelHarness.STAFF);
        assertThat(h.kernel.campaigns().code("NL-CODE-1")).map(CodeRecord::state).contains(CodeState.REDEEMED);

        PricingDecision name = h.kernel.validate(ValidateRequest.of("u-5", "cart-1", "NEWSLETTER"));
        assertThat(name.rejected()).as("the campaign's own code is not typed").singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_CODE));
        assertThat(h.kernel.findByCode("NL-CODE-4")).map(CouponRecord::id).contains(campaign.id());
        assertThat(h.kernel.findByCode("NEWSLETTER")).isEmpty();
    }

    @Test
    void aVoidedCodeIsRefusedAndTheVoidIsAuditedAndPublished() {
        CouponRecord campaign = campaign(UsageLimits.unlimited().withPerCode(1));
        h.kernel.campaigns().importCodes(campaign.id(), List.of(new ImportLine(1, "LEAK-1")).iterator(), "imp", KernelHarness.STAFF);

        CodeRecord voided = h.kernel.campaigns().voidCode("leak-1", "posted on a forum", KernelHarness.STAFF);

        assertThat(voided.state()).isEqualTo(CodeState.VOIDED);
        assertThat(h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "LEAK-1")).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.CODE_VOIDED));
        assertThat(h.kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "LEAK-1")).usages()).isEmpty();
        assertThat(h.publishedEvents()).filteredOn(CouponCodeVoided.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((CouponCodeVoided) e).reason()).isEqualTo("posted on a forum"));
        assertThat(h.kernel.verifyAuditTrail(campaign.id()).isIntact()).isTrue();
    }

    @Test
    void theCodeModeIsFixedAndAPerCodeLimitNeedsUniqueCodes() {
        assertThatThrownBy(() -> CouponDefinition.builder("SHARED").percentOff(5).limits(UsageLimits.unlimited().withPerCode(1)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limits.maxUsesPerCode");
        CouponRecord shared = h.active(CouponDefinition.builder("SHARED10").percentOff(10).build());
        assertThatThrownBy(() -> h.kernel.changeLimits(shared.id(), UsageLimits.unlimited().withPerCode(1), KernelHarness.STAFF))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limits.maxUsesPerCode");
        CouponRecord campaign = campaign(UsageLimits.unlimited());
        CouponRecord changed = h.kernel.changeLimits(campaign.id(), UsageLimits.total(10).withPerCode(2), KernelHarness.STAFF);
        assertThat(changed.definition().codes()).isEqualTo(CodeMode.UNIQUE);
        assertThat(changed.definition().limits().maxUsesPerCode()).hasValue(2);
    }

    @Test
    void changingLimitsKeepsTheReinstatePolicy() {
        CouponRecord coupon = h.active(CouponDefinition.builder("BACK10").percentOff(10)
                .reinstatePolicy(dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER).build());
        CouponRecord changed = h.kernel.changeLimits(coupon.id(), UsageLimits.total(5), KernelHarness.STAFF);
        assertThat(changed.definition().reinstatePolicy()).isEqualTo(dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER);
    }

    /**
     * A guesser trying codes of a campaign of 1,000 single-use codes: its misses are unknown codes, so
     * the enumeration signal blocks it at the fifth, and the valid code it then hits is refused too.
     */
    @Test
    void aGuesserOfUniqueCodesIsFoundAndSlowedEvenWhenItHitsOne() {
        KernelHarness guarded = new KernelHarness(FraudGuard::standard);
        CouponRecord campaign = guarded.active(CouponDefinition.builder("NEWSLETTER").percentOff(10)
                .limits(UsageLimits.unlimited().withPerCode(1)).codes(CodeMode.UNIQUE).build());
        guarded.kernel.campaigns().generate(campaign.id(), PATTERN, 1_000, "nl", KernelHarness.STAFF, p -> { });
        List<CodeRecord> codes = new ArrayList<>();
        guarded.kernel.campaigns().export(campaign.id(), codes::add);
        ClientInfo bot = ClientInfo.of("bot-device", "203.0.113.9", null);

        List<RejectionReason> reasons = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String guess = "NL-ZZZZ-ZZZ" + (char) ('A' + i);
            PricingDecision d = guarded.kernel.validate(ValidateRequest.of("u-" + i, "cart-1", guess).withClient(bot));
            reasons.add(d.rejected().get(0).reason());
            guarded.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(reasons).containsExactly(RejectionReason.UNKNOWN_CODE, RejectionReason.UNKNOWN_CODE,
                RejectionReason.UNKNOWN_CODE, RejectionReason.UNKNOWN_CODE, RejectionReason.SUSPECTED_FRAUD,
                RejectionReason.SUSPECTED_FRAUD);

        ApplyResult hit = guarded.kernel.apply(ApplyRequest.of("co-bot", "u-9", "cart-1", codes.get(500).code().value())
                .withClient(bot));
        assertThat(hit.usages()).as("a valid code, hit after the misses").isEmpty();
        assertThat(hit.decision().rejected()).extracting(r -> r.reason()).containsExactly(RejectionReason.SUSPECTED_FRAUD);
        assertThat(guarded.kernel.campaigns().code(codes.get(500).code().value())).map(CodeRecord::state).contains(CodeState.UNUSED);

        ApplyResult customer = guarded.kernel.apply(ApplyRequest.of("co-ok", "u-100", "cart-1", codes.get(500).code().value())
                .withClient(ClientInfo.of("phone-100", "198.51.100.100", null)));
        assertThat(customer.usages()).as("the code's owner on another device").hasSize(1);
        assertThat(guarded.storage.ledger().count(campaign.id(), UserId.of("u-100")).total()).isEqualTo(1);
    }

    @Test
    void aBatchIdOfAnotherCampaignIsAConflict() {
        CouponRecord one = campaign(UsageLimits.unlimited());
        CouponRecord other = h.active(CouponDefinition.builder("OTHERNL").percentOff(5).codes(CodeMode.UNIQUE).build());
        h.kernel.campaigns().generate(one.id(), PATTERN, 10, "shared-batch", KernelHarness.STAFF, p -> { });
        assertThatThrownBy(() -> h.kernel.campaigns().generate(other.id(), PATTERN, 10, "shared-batch", KernelHarness.STAFF, p -> { }))
                .isInstanceOf(ConflictException.class);
    }
}
