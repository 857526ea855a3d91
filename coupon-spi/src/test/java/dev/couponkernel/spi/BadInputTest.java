package dev.couponkernel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every kind of bad input fails with a specific {@link InvalidInputException} and builds nothing. */
class BadInputTest {

    private static final Money TEN_EUR = Money.of("10.00", "EUR");

    private static void rejects(ThrowingCallable call, String field, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }

    @Test
    void negativePriceIsRefused() {
        rejects(() -> Money.of("-0.01", "EUR"), "money.amount", "must not be negative, was -0.01");
        rejects(() -> Money.ofMinor(-1, Money.currency("EUR")), "money.amount", "must not be negative");
    }

    @Test
    void amountMorePreciseThanTheCurrencyIsRefused() {
        rejects(() -> Money.of("10.005", "EUR"), "money.amount", "10.005 has more decimal places than EUR allows (2)");
        rejects(() -> Money.of("1.5", "JPY"), "money.amount", "more decimal places than JPY allows (0)");
    }

    @Test
    void unknownCurrencyAndMalformedAmountAreRefused() {
        rejects(() -> Money.of("1.00", "EURO"), "money.currency", "'EURO' is not an ISO 4217 currency code");
        rejects(() -> Money.of("ten", "EUR"), "money.amount", "'ten' is not a decimal number");
        rejects(() -> Money.of("1", "XXX"), "money.currency", "XXX has no minor unit");
    }

    @Test
    void moneyOverflowIsRefused() {
        Money max = Money.ofMinor(Long.MAX_VALUE, Money.currency("EUR"));
        rejects(() -> max.plus(Money.of("0.01", "EUR")), "money.amount", "overflows");
        rejects(() -> max.times(2), "money.amount", "overflows");
        rejects(() -> Money.of(new BigDecimal("1e30"), Money.currency("EUR")), "money.amount", "is too large");
    }

    @Test
    void mixingCurrenciesIsRefused() {
        rejects(() -> TEN_EUR.plus(Money.of("1.00", "USD")), "money.currency", "cannot combine EUR with USD");
        rejects(() -> TEN_EUR.compareTo(Money.of("1.00", "USD")), "money.currency", "cannot combine EUR with USD");
        rejects(() -> TEN_EUR.minus(Money.of("10.01", "EUR")), "money.amount", "would be negative");
    }

    @Test
    void zeroOrNegativeQuantityIsRefused() {
        rejects(() -> CartLine.of("l1", "SKU-1", "s1", TEN_EUR, 0), "line.quantity", "line l1: must be at least 1, was 0");
        rejects(() -> CartLine.of("l1", "SKU-1", "s1", TEN_EUR, -3), "line.quantity", "was -3");
    }

    @Test
    void priceTimesQuantityOverflowIsRefused() {
        Money huge = Money.ofMinor(Long.MAX_VALUE / 2, Money.currency("EUR"));
        rejects(() -> CartLine.of("l1", "SKU-1", "s1", huge, 3), "line.quantity", "x 3 overflows");
    }

    @Test
    void cartSubtotalOverflowIsRefused() {
        Money huge = Money.ofMinor(Long.MAX_VALUE / 2 + 1, Money.currency("EUR"));
        rejects(
                () -> Cart.of(Money.zero(Money.currency("EUR")),
                        CartLine.of("l1", "A", "s", huge, 1), CartLine.of("l2", "B", "s", huge, 1)),
                "cart.lines", "subtotal overflows");
    }

    @Test
    void duplicateLineIdsAreRefused() {
        rejects(
                () -> Cart.of(Money.zero(Money.currency("EUR")),
                        CartLine.of("l1", "A", "s", TEN_EUR, 1), CartLine.of("l1", "B", "s", TEN_EUR, 1)),
                "cart.lines[1].id", "line id l1 appears twice");
    }

    @Test
    void mixedCurrenciesInACartAreRefused() {
        rejects(
                () -> Cart.of(Money.zero(Money.currency("EUR")),
                        CartLine.of("l1", "A", "s", TEN_EUR, 1), CartLine.of("l2", "B", "s", Money.of("1.00", "USD"), 1)),
                "cart.lines[1].unitPrice", "line l2 is in USD but the cart is in EUR");
        rejects(
                () -> Cart.of(Money.zero(Money.currency("USD")), CartLine.of("l1", "A", "s", TEN_EUR, 1)),
                "cart.lines[0].unitPrice", "is in EUR but the cart is in USD");
        rejects(
                () -> new Cart(Money.currency("EUR"), List.of(CartLine.of("l1", "A", "s", TEN_EUR, 1)), Money.of("1", "USD")),
                "cart.shipping", "is in USD but the cart is in EUR");
    }

    @Test
    void emptyCartIsRefused() {
        rejects(() -> Cart.of(Money.zero(Money.currency("EUR"))), "cart.lines", "at least one line");
    }

    @Test
    void percentOutOfRangeIsRefused() {
        rejects(() -> Percentage.of(0), "percentage", "must be above 0 and at most 100, was 0");
        rejects(() -> Percentage.of(-5), "percentage", "was -5");
        rejects(() -> Percentage.of("100.01"), "percentage", "was 100.01");
        rejects(() -> Percentage.of("12.345"), "percentage", "12.345 has more than two decimal places");
        rejects(() -> Percentage.of("abc"), "percentage", "'abc' is not a decimal number");
        rejects(() -> Percentage.ofBasisPoints(10_001), "percentage", "was 100.01");
    }

    @Test
    void capInAnotherCurrencyIsRefused() {
        rejects(
                () -> CouponDefinition.builder("CAP10")
                        .percentOff(Percentage.of(10), Money.of("5.00", "GBP"))
                        .eligibility(EligibilityRules.anyone().withMinOrderAmount(Money.of("50.00", "EUR")))
                        .build(),
                "discount", "the discount's amounts are in GBP but the minimum order amount is in EUR");
        rejects(
                () -> Discount.percent(Percentage.of(10)).cappedAt(Money.of("5.00", "EUR"), Money.of("6.00", "EUR")),
                "discount.caps", "has two amounts in EUR");
        rejects(() -> Discount.percent(Percentage.of(10)).cappedAt(Money.of("0", "EUR")), "discount.caps", "must be positive");
    }

    @Test
    void validityEndingBeforeItStartsIsRefused() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        rejects(() -> ValidityPeriod.between(start, start), "validity.validUntil", "which is not after its start");
        rejects(() -> ValidityPeriod.between(start, start.minusSeconds(1)), "validity.validUntil", "not after its start");
    }

    @Test
    void contradictoryLimitsAreRefused() {
        rejects(() -> UsageLimits.of(10, 11), "limits.maxUsesPerUser", "the per-user limit 11 exceeds the total limit 10");
        rejects(() -> UsageLimits.total(0), "limits.maxTotalUses", "must be at least 1, was 0");
        rejects(() -> UsageLimits.perUser(-1), "limits.maxUsesPerUser", "must be at least 1, was -1");
    }

    @Test
    void malformedCodesAreRefused() {
        rejects(() -> CouponCode.parse("SUMMER 10"), "couponCode", "contains U+0020 at position 7");
        rejects(() -> CouponCode.parse("SALE!"), "couponCode", "contains '!' at position 5; allowed are A-Z, 0-9");
        rejects(() -> CouponCode.parse("  "), "couponCode", "has 0 characters; a code has 3 to 32");
        rejects(() -> CouponCode.parse("AB"), "couponCode", "has 2 characters");
        rejects(() -> CouponCode.parse("X".repeat(33)), "couponCode", "has 33 characters");
        rejects(() -> CouponCode.parse("'; DROP TABLE coupon;--"), "couponCode", "contains");
        rejects(() -> CouponCode.parse(null), "couponCode", "is required");
        rejects(() -> new CouponCode("summer10"), "couponCode", "is not normalized");
    }

    @Test
    void contradictoryCouponSettingsAreRefused() {
        rejects(
                () -> new StackingRule(StackingClass.ORDER, true, Set.of(StackingClass.ORDER), 0),
                "stacking.combinesWith", "an exclusive coupon combines with no other");
        rejects(
                () -> CouponDefinition.builder("SHIP1").freeShipping()
                        .stacking(StackingRule.exclusive(StackingClass.ORDER, 0)).build(),
                "stacking.stackingClass", "a SHIPPING discount cannot have stacking class ORDER");
        rejects(
                () -> CouponDefinition.builder("TENOFF").percentOff(10)
                        .stacking(StackingRule.exclusive(StackingClass.SHIPPING, 0)).build(),
                "stacking.stackingClass", "a PERCENT discount cannot have stacking class SHIPPING");
        rejects(
                () -> ProductScope.all().includingSkus(Sku.of("A")).excludingSkus(Sku.of("A")),
                "scope.excludedSkus", "SKUs both included and excluded: [A]");
        rejects(() -> new ShippingDiscount(Percentage.of(50), dev.couponkernel.spi.value.CurrencyAmounts.of("x", TEN_EUR)),
                "discount", "exactly one of them");
        rejects(() -> CouponDefinition.builder("NODISC").build(), "discount", "is required");
        rejects(() -> EligibilityRules.anyone().withMinQuantity(-1), "eligibility.minQuantity", "must not be negative");
    }
}
