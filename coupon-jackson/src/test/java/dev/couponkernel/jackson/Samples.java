package dev.couponkernel.jackson;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.eligibility.UsageCounts;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.core.fraud.FraudVerdict;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One fixed, realistic value of each mapped type: the content of the golden files (public for coupon-jackson3's tests). */
public final class Samples {

    public static final Instant AT = Instant.parse("2026-11-24T10:15:30Z");
    public static final Actor SHOP = Actor.of("shop:checkout");

    private Samples() {}

    public static CouponDefinition percentWithCap() {
        return CouponDefinition.builder("SHOES20")
                .percentOff(Percentage.of(20), Money.of("50.00", "EUR"), Money.of("55.00", "USD"))
                .stacking(StackingRule.stackable(StackingClass.PRODUCT, 10, StackingClass.ORDER, StackingClass.SHIPPING))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes")))
                        .withMinOrderAmount(Money.of("30.00", "EUR"), Money.of("33.00", "USD")).forChannels(Channel.of("web")))
                .validity(ValidityPeriod.between(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")))
                .limits(UsageLimits.of(500, 1))
                .build();
    }

    public static CouponDefinition fixedPerCurrency() {
        return CouponDefinition.builder("WELCOME5")
                .amountOff(Money.of("5.00", "EUR"), Money.of("500", "JPY"))
                .stacking(StackingRule.exclusive(StackingClass.ORDER, 0))
                .eligibility(EligibilityRules.anyone().forFirstOrderOnly().forSegments(Segment.of("new")))
                .validity(ValidityPeriod.startingAt(Instant.parse("2026-01-01T00:00:00Z")))
                .limits(UsageLimits.perUser(1))
                .build();
    }

    public static CouponDefinition freeShippingForSeller() {
        return CouponDefinition.builder("SHIPFREE")
                .freeShipping()
                .stacking(StackingRule.stackableWithAll(StackingClass.SHIPPING, 5))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().onlySellers(SellerId.of("acme"))).withMinQuantity(2))
                .validity(ValidityPeriod.startingAt(Instant.parse("2026-11-01T00:00:00Z")))
                .limits(UsageLimits.unlimited())
                .build();
    }

    public static CouponDefinition tieredBySubtotal() {
        return CouponDefinition.builder("SPEND-MORE")
                .discount(dev.couponkernel.spi.coupon.TieredDiscount.bySubtotal(
                        dev.couponkernel.spi.coupon.TieredDiscount.Tier.basePercent(10),
                        dev.couponkernel.spi.coupon.TieredDiscount.Tier.percentFromSubtotal(Money.of("20.00", "EUR"), 15),
                        dev.couponkernel.spi.coupon.TieredDiscount.Tier.percentFromSubtotal(Money.of("30.00", "EUR"), 20)))
                .limits(UsageLimits.perUser(1))
                .build();
    }

    public static CouponDefinition tieredByQuantity() {
        return CouponDefinition.builder("MULTIBUY")
                .discount(dev.couponkernel.spi.coupon.TieredDiscount.byQuantity(
                        dev.couponkernel.spi.coupon.TieredDiscount.Tier.amountFromQuantity(3, Money.of("5.00", "EUR"), Money.of("6.00", "USD")),
                        dev.couponkernel.spi.coupon.TieredDiscount.Tier.amountFromQuantity(6, Money.of("12.00", "EUR"), Money.of("14.00", "USD"))))
                .build();
    }

    public static CouponDefinition perUnitAmount() {
        return CouponDefinition.builder("TSHIRT10")
                .discount(dev.couponkernel.spi.coupon.PerUnitDiscount.amountPerUnit(Money.of("10.00", "EUR")).upTo(3))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(
                        dev.couponkernel.spi.value.Category.of("t-shirts"))))
                .build();
    }

    public static CouponDefinition buyShoesGetSocks() {
        return CouponDefinition.builder("SHOES-SOCKS")
                .discount(dev.couponkernel.spi.coupon.BuyXGetYDiscount.free(1, 1,
                        ProductScope.all().includingCategories(dev.couponkernel.spi.value.Category.of("socks"))).atMost(2))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(
                        dev.couponkernel.spi.value.Category.of("shoes"))))
                .build();
    }

    public static CouponDefinition threeFor() {
        return CouponDefinition.builder("THREE-FOR-10")
                .discount(dev.couponkernel.spi.coupon.FixedPriceDiscount.setOf(3, Money.of("10.00", "EUR"), Money.of("12.00", "USD")))
                .build();
    }

    public static CouponDefinition orderAndShipping() {
        return CouponDefinition.builder("TWENTY-ALL-IN")
                .discount(dev.couponkernel.spi.coupon.OrderAndShippingDiscount.amountOff(Money.of("20.00", "EUR")))
                .build();
    }

    /** A discount of a kind the host registers, for gold members only (a condition the host registers). */
    public static CouponDefinition hostKind() {
        return CouponDefinition.builder("LOYAL-GOLD")
                .discount(new dev.couponkernel.spi.coupon.HostDiscount("acme.spend-and-save",
                        dev.couponkernel.spi.value.CurrencyAmounts.of("discount.amounts", Money.of("2.00", "EUR"), Money.of("2.50", "USD")),
                        dev.couponkernel.spi.coupon.HostParameters.of("step", "25")))
                .eligibility(dev.couponkernel.spi.coupon.EligibilityRules.anyone()
                        .withConditions(dev.couponkernel.spi.coupon.HostCondition.of("acme.loyalty-tier", "atLeast", "gold")))
                .build();
    }

    /** A rejection by a host's condition, with its own reason code. */
    public static EligibilityOutcome hostRejection() {
        return EligibilityOutcome.rejectedByHost("LOYALTY_TIER_TOO_LOW", "for gold members, customer user-4711 is silver");
    }

    public static CouponDefinition oncePerOrder() {
        return CouponDefinition.builder("CHEAPEST-FREE")
                .discount(dev.couponkernel.spi.coupon.PerUnitDiscount.oncePerOrder())
                .build();
    }

    public static CouponRecord record(CouponDefinition d, String id) {
        return new CouponRecord(CouponId.of(id), d, CouponStatus.ACTIVE, 2, Instant.parse("2026-10-30T09:00:00Z"),
                Instant.parse("2026-10-30T09:05:00Z"));
    }

    public static Cart cart() {
        return Cart.of(Money.of("4.90", "EUR"),
                CartLine.of("L1", "SKU-RUN-42", "acme", Money.of("89.99", "EUR"), 1, "shoes", "running"),
                CartLine.of("L2", "SKU-SOCK-3", "acme", Money.of("4.50", "EUR"), 3, "socks"));
    }

    public static Customer customer() {
        return Customer.of("user-4711", Instant.parse("2025-03-02T08:00:00Z"), 3, "regular");
    }

    public static PricingRequest pricingRequest() {
        Map<CouponId, UsageCount> usage = new LinkedHashMap<>();
        usage.put(CouponId.of("c-shoes20"), new UsageCount(120, 0));
        usage.put(CouponId.of("c-shipfree"), new UsageCount(3, 1));
        usage.put(CouponId.of("c-welcome5"), new UsageCount(40, 0));
        return PricingRequest.builder(cart(), customer()).at(AT).channel(Channel.of("web")).usage(UsageCounts.of(usage))
                .coupons(Coupon.fromRecord(record(percentWithCap(), "c-shoes20")),
                        Coupon.fromRecord(record(freeShippingForSeller(), "c-shipfree")),
                        Coupon.fromRecord(record(fixedPerCurrency(), "c-welcome5")))
                .codes(List.of("NOSUCH"), code -> Optional.empty())
                .build();
    }

    public static PricingDecision decision() {
        return PricingEngine.standard().price(pricingRequest());
    }

    public static ApplyRequest applyRequest() {
        return new ApplyRequest(CheckoutId.of("co-9001"), UserId.of("user-4711"), CartId.of("cart-77"),
                List.of("shoes20", "SHIPFREE"), Channel.of("web"),
                ClientInfo.of("fp-2f9c81d0", "198.51.100.23", "card-sha256-4b1e0c"));
    }

    public static ValidateRequest validateRequest() {
        return new ValidateRequest(UserId.of("user-4711"), CartId.of("cart-77"), List.of("SHOES20"), null);
    }

    public static UsageRecord lockedUsage() {
        return new UsageRecord(UsageId.of("u-1"), CouponId.of("c-shoes20"), CouponCode.parse("SHOES20"), UserId.of("user-4711"),
                CheckoutId.of("co-9001"), UsageStatus.LOCKED, AT, AT.plusSeconds(900), null, null, null);
    }

    public static ApplyResult applyResult() {
        return new ApplyResult(CheckoutId.of("co-9001"), decision(), List.of(lockedUsage()));
    }

    public static RedeemResult redeemResult() {
        return new RedeemResult(RedeemResult.Status.REDEEMED,
                List.of(lockedUsage().redeemed(OrderId.of("order-31337"), AT.plusSeconds(120))));
    }

    public static ReleaseResult releaseResult() {
        return new ReleaseResult(ReleaseResult.Status.RELEASED, List.of(lockedUsage().released("payment declined", AT.plusSeconds(60))));
    }

    public static dev.couponkernel.spi.store.ReinstateResult reinstateResult() {
        UsageRecord l = lockedUsage();
        UsageRecord priced = new UsageRecord(l.id(), l.couponId(), l.code(), l.userId(), l.checkoutId(), l.status(), l.lockedAt(),
                l.expiresAt(), null, null, null, null, Money.of("16.00", "EUR"));
        return new dev.couponkernel.spi.store.ReinstateResult(dev.couponkernel.spi.store.ReinstateResult.Status.REINSTATED,
                List.of(priced.redeemed(OrderId.of("order-31337"), AT.plusSeconds(120)).reinstated(AT.plusSeconds(86_400))));
    }

    public static CouponDefinition springBudget() {
        return CouponDefinition.builder("SPRING15").percentOff(15)
                .limits(UsageLimits.of(10_000, 1).withBudget(Money.of("5000.00", "EUR"), Money.of("4000.00", "GBP")))
                .validity(new ValidityPeriod(Instant.parse("2026-03-20T00:00:00Z"), Instant.parse("2026-06-21T00:00:00Z")))
                .build();
    }

    /** A newsletter campaign: 100,000 single-use codes, one use per customer over all of them. */
    public static CouponDefinition newsletterCampaign() {
        return CouponDefinition.builder("NEWSLETTER-DEC").percentOff(10)
                .limits(UsageLimits.of(100_000, 1).withPerCode(1))
                .codes(dev.couponkernel.spi.coupon.CodeMode.UNIQUE)
                .validity(new ValidityPeriod(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .build();
    }

    public static dev.couponkernel.spi.event.CouponCodesAdded codesAdded() {
        return new dev.couponkernel.spi.event.CouponCodesAdded(ID, CODE, AT.plusSeconds(30), Actor.of("staff:maria"),
                "newsletter-2026-12", 100_000);
    }

    public static dev.couponkernel.spi.event.CouponCodeVoided codeVoided() {
        return new dev.couponkernel.spi.event.CouponCodeVoided(ID, CouponCode.parse("NL-K7QX-M3TR"), AT.plusSeconds(3600),
                Actor.of("staff:maria"), "posted on a coupon forum");
    }

    public static CouponDefinition welcomeBackOnCancel() {
        return fixedPerCurrency().withReinstatePolicy(dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER);
    }

    public static final CouponId ID = CouponId.of("c-shoes20");
    public static final CouponCode CODE = CouponCode.parse("SHOES20");

    public static CouponCreated created() {
        return new CouponCreated(ID, CODE, Instant.parse("2026-10-30T09:00:00Z"), Actor.of("staff:maria"));
    }

    public static CouponActivated activated() {
        return new CouponActivated(ID, CODE, Instant.parse("2026-10-30T09:05:00Z"), Actor.of("staff:maria"));
    }

    public static dev.couponkernel.spi.event.CouponSuspended suspended() {
        return new dev.couponkernel.spi.event.CouponSuspended(ID, CODE, Instant.parse("2026-11-30T22:00:00Z"),
                Actor.FRAUD_GUARD, "12 of 14 subjects trying it blocked as suspected fraud within 10 min");
    }

    public static dev.couponkernel.spi.event.CouponSuspensionLifted suspensionLifted() {
        return new dev.couponkernel.spi.event.CouponSuspensionLifted(ID, CODE, Instant.parse("2026-11-30T22:30:00Z"),
                Actor.of("staff:ops"), "attack over, bot addresses blocked at the edge");
    }

    public static CouponDisabled disabled() {
        return new CouponDisabled(ID, CODE, Instant.parse("2026-11-30T23:00:00Z"), Actor.of("fraud-guard"), "leaked on a forum");
    }

    public static CouponLimitsChanged limitsChanged() {
        return new CouponLimitsChanged(ID, CODE, Instant.parse("2026-11-10T12:00:00Z"), Actor.of("staff:maria"), UsageLimits.of(800, 1));
    }

    public static CouponApplied applied() {
        return new CouponApplied(ID, CODE, AT, SHOP, UsageId.of("u-1"), UserId.of("user-4711"), CheckoutId.of("co-9001"),
                AT.plusSeconds(900));
    }

    public static CouponRedeemed redeemed() {
        return new CouponRedeemed(ID, CODE, AT.plusSeconds(120), SHOP, UsageId.of("u-1"), UserId.of("user-4711"),
                CheckoutId.of("co-9001"), OrderId.of("order-31337"));
    }

    public static CouponReleased released() {
        return new CouponReleased(ID, CODE, AT.plusSeconds(60), SHOP, UsageId.of("u-1"), UserId.of("user-4711"),
                CheckoutId.of("co-9001"), "payment declined");
    }

    public static dev.couponkernel.spi.event.CouponReinstated reinstated() {
        return new dev.couponkernel.spi.event.CouponReinstated(ID, CODE, AT.plusSeconds(86_400), Actor.of("staff:maria"),
                UsageId.of("u-1"), UserId.of("user-4711"), CheckoutId.of("co-9001"), OrderId.of("order-31337"),
                "order cancelled by the customer");
    }

    public static List<FraudSignal> evidence() {
        return List.of(FraudSignal.of("code-enumeration.device", 100,
                        "5 unknown codes by this device within 10m; blocked until 2026-11-24T10:45:00Z"),
                FraudSignal.of("velocity.device", 55, "21 attempts by this device within 1m (limit 20)"));
    }

    public static CouponRejected rejected() {
        return new CouponRejected(ID, CODE, AT, Actor.FRAUD_GUARD, UserId.of("user-666"), AttemptKind.APPLY,
                RejectionReason.SUSPECTED_FRAUD, FraudScore.MAX, evidence());
    }

    public static SecurityAlertRaised alert() {
        return new SecurityAlertRaised(ID, CODE, AT, Actor.FRAUD_GUARD, AlertLevel.BLOCK, UserId.of("user-666"), FraudScore.MAX,
                evidence(), "attempts to use SHOES20 are being blocked (code-enumeration.device: 5 unknown codes by this device"
                        + " within 10m; blocked until 2026-11-24T10:45:00Z)");
    }

    public static ApplyResult flaggedApplyResult() {
        return new ApplyResult(CheckoutId.of("co-9001"), decision(), List.of(lockedUsage()), List.of(new FraudVerdict("shoes20",
                FraudScore.of(45), FraudDecision.REVIEW, List.of(FraudSignal.of("new-account.high-value", 45,
                        "account 180m old gets 55.00 EUR off a cart of 100.00 EUR (new below 24h; high value from 50% of the cart)")))));
    }

    public static EventEnvelope envelope() {
        return new EventEnvelope("9f1c2e4a-7d0b-4a43-9a55-2d7c3b1f0e11", 4242, AT, applied());
    }

    public static AuditEntry auditEntry() {
        AuditEntry first = AuditEntry.describing(1, created(), Instant.parse("2026-10-30T09:00:00Z"), AuditChain.GENESIS);
        return AuditEntry.describing(2, applied(), AT, first.hash());
    }

    public static AuditVerification brokenChain() {
        return AuditVerification.broken(ID, 41, 42, "entry 42 does not match its hash: a field was changed");
    }

    public static EligibilityOutcome rejectedOutcome() {
        return EligibilityOutcome.rejected(RejectionReason.MIN_ORDER_AMOUNT_NOT_MET, RejectionReason.MIN_ORDER_AMOUNT_NOT_MET.defaultMessage());
    }

    /** File name (without .json) to sample and the type it is read as. */
    public static Map<String, Map.Entry<Object, Class<?>>> all() {
        Map<String, Map.Entry<Object, Class<?>>> all = new LinkedHashMap<>();
        all.put("money", Map.entry(Money.of("12.34", "EUR"), Money.class));
        all.put("coupon-definition-percent", Map.entry(percentWithCap(), CouponDefinition.class));
        all.put("coupon-definition-fixed", Map.entry(fixedPerCurrency(), CouponDefinition.class));
        all.put("coupon-definition-shipping", Map.entry(freeShippingForSeller(), CouponDefinition.class));
        all.put("coupon-definition-tiered-subtotal", Map.entry(tieredBySubtotal(), CouponDefinition.class));
        all.put("coupon-definition-tiered-quantity", Map.entry(tieredByQuantity(), CouponDefinition.class));
        all.put("coupon-definition-per-unit", Map.entry(perUnitAmount(), CouponDefinition.class));
        all.put("coupon-definition-once-per-order", Map.entry(oncePerOrder(), CouponDefinition.class));
        all.put("coupon-definition-buy-x-get-y", Map.entry(buyShoesGetSocks(), CouponDefinition.class));
        all.put("coupon-definition-fixed-price", Map.entry(threeFor(), CouponDefinition.class));
        all.put("coupon-definition-order-and-shipping", Map.entry(orderAndShipping(), CouponDefinition.class));
        all.put("coupon-definition-host", Map.entry(hostKind(), CouponDefinition.class));
        all.put("coupon-definition-reinstate", Map.entry(welcomeBackOnCancel(), CouponDefinition.class));
        all.put("coupon-definition-budget", Map.entry(springBudget(), CouponDefinition.class));
        all.put("coupon-definition-campaign", Map.entry(newsletterCampaign(), CouponDefinition.class));
        all.put("coupon-record", Map.entry(record(percentWithCap(), "c-shoes20"), CouponRecord.class));
        all.put("cart", Map.entry(cart(), Cart.class));
        all.put("customer", Map.entry(customer(), Customer.class));
        all.put("pricing-request", Map.entry(pricingRequest(), PricingRequest.class));
        all.put("pricing-decision", Map.entry(decision(), PricingDecision.class));
        all.put("eligibility-outcome", Map.entry(rejectedOutcome(), EligibilityOutcome.class));
        all.put("eligibility-outcome-host", Map.entry(hostRejection(), EligibilityOutcome.class));
        all.put("apply-request", Map.entry(applyRequest(), ApplyRequest.class));
        all.put("validate-request", Map.entry(validateRequest(), ValidateRequest.class));
        all.put("apply-result", Map.entry(applyResult(), ApplyResult.class));
        all.put("usage", Map.entry(lockedUsage(), UsageRecord.class));
        all.put("redeem-result", Map.entry(redeemResult(), RedeemResult.class));
        all.put("release-result", Map.entry(releaseResult(), ReleaseResult.class));
        all.put("reinstate-result", Map.entry(reinstateResult(), dev.couponkernel.spi.store.ReinstateResult.class));
        all.put("audit-entry", Map.entry(auditEntry(), AuditEntry.class));
        all.put("audit-verification", Map.entry(brokenChain(), AuditVerification.class));
        all.put("event-coupon-created", Map.entry(created(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-activated", Map.entry(activated(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-disabled", Map.entry(disabled(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-suspended", Map.entry(suspended(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-suspension-lifted", Map.entry(suspensionLifted(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-limits-changed", Map.entry(limitsChanged(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-applied", Map.entry(applied(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-redeemed", Map.entry(redeemed(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-released", Map.entry(released(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-reinstated", Map.entry(reinstated(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-codes-added", Map.entry(codesAdded(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-code-voided", Map.entry(codeVoided(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-coupon-rejected", Map.entry(rejected(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("event-security-alert-raised", Map.entry(alert(), dev.couponkernel.spi.event.CouponEvent.class));
        all.put("apply-result-flagged", Map.entry(flaggedApplyResult(), ApplyResult.class));
        all.put("event-envelope", Map.entry(envelope(), EventEnvelope.class));
        return all;
    }
}
