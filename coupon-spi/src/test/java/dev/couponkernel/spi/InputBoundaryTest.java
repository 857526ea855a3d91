package dev.couponkernel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input at the value types: huge exponents, lone surrogates, letters that upper-case to
 * ASCII, instants beyond what the stores hold, nulls and duplicates in varargs. Each is refused with
 * an {@link InvalidInputException} naming the field, quickly, with a short message.
 */
class InputBoundaryTest {

    private static final Money TEN_EUR = Money.of("10.00", "EUR");

    private static InvalidInputException refused(ThrowingCallable call, String field) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) t;
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage().length()).as("message length of: %s", e.getMessage()).isLessThan(300);
        return e;
    }

    @Test
    @Timeout(5)
    void hugeExponentsAreRefusedWithoutBuildingTheirDigits() {
        refused(() -> Money.of("1e999999999", "EUR"), "money.amount");
        refused(() -> Money.of("1e10000000", "EUR"), "money.amount");
        refused(() -> Money.of("1e-999999999", "EUR"), "money.amount");
        refused(() -> Money.of(new BigDecimal("1e999999999"), Money.currency("EUR")), "money.amount");
        refused(() -> Money.of(new BigDecimal("1e-999999999"), Money.currency("EUR")), "money.amount");
        refused(() -> Percentage.of("1e-999999999"), "percentage");
        refused(() -> Percentage.of(new BigDecimal("1e-999999999")), "percentage");
        refused(() -> Percentage.of("1e999999999"), "percentage");
        InvalidInputException e = refused(() -> Money.of("1e10000000", "EUR"), "money.amount");
        assertThat(e.getMessage()).contains("1E+10000000").contains("too large");
    }

    @Test
    void exactAmountsWithTrailingZerosStillParse() {
        assertThat(Money.of("12.3400000", "EUR").minorUnits()).isEqualTo(1234);
        assertThat(Money.of(new BigDecimal("1.2E+3"), Money.currency("EUR")).minorUnits()).isEqualTo(120_000);
        assertThat(Money.of("9223372036854775.807", "BHD").minorUnits()).isEqualTo(Long.MAX_VALUE);
        assertThat(Percentage.of("12.500").basisPoints()).isEqualTo(1250);
        assertThat(Percentage.of("1E+2")).isEqualTo(Percentage.HUNDRED);
        refused(() -> Money.of("9223372036854775.808", "BHD"), "money.amount");
        refused(() -> Money.of("10.005", "EUR"), "money.amount");
    }

    @Test
    void longNumbersAndCodesAreQuotedShort() {
        String digits = "1".repeat(100_000);
        InvalidInputException e = refused(() -> Money.of(digits, "EUR"), "money.amount");
        assertThat(e.getMessage()).contains("100000 characters long");
        refused(() -> Percentage.of(digits), "percentage");
        refused(() -> Money.of("1.00", "E".repeat(10_000)), "money.currency");
        refused(() -> CouponCode.parse("A".repeat(1_000_000)), "couponCode");
        refused(() -> CouponCode.parse("ABC" + "\u00e9".repeat(10_000)), "couponCode");
    }

    @Test
    void loneSurrogatesAndControlCharactersInIdsAreRefused() {
        refused(() -> UserId.of("dup\uD800"), "userId");
        refused(() -> UserId.of("dup\uDBFF"), "userId");
        refused(() -> UserId.of("dup\uDC00x"), "userId");
        refused(() -> UserId.of("a\u0000b"), "userId");
        refused(() -> CheckoutId.of("chk\uD800"), "checkoutId");
        refused(() -> ClientInfo.of("dev\uD800", null, null), "client.deviceFingerprint");
        // a well-formed pair (an emoji) is text like any other
        assertThat(UserId.of("fan-\uD83D\uDE00").value()).hasSize(6);
    }

    @Test
    void aTypedCodeKeptAsEvidenceIsPrintable() {
        AttemptContext c = new AttemptContext("AB\u0000C\uD800" + "X".repeat(100), UserId.of("u"), Instant.EPOCH,
                ClientInfo.UNKNOWN, TEN_EUR, Instant.EPOCH, AttemptKind.VALIDATE);
        assertThat(c.codeAsTyped()).startsWith("AB?C?").hasSize(AttemptContext.MAX_CODE_LENGTH).endsWith("...");
        assertThat(c.codeAsTyped().chars().filter(ch -> Character.isISOControl(ch) || Character.isSurrogate((char) ch)).count()).isZero();
    }

    @Test
    void nonAsciiLettersThatUpperCaseToAsciiAreNotFolded() {
        refused(() -> CouponCode.parse("sav\u0131e10"), "couponCode"); // dotless i
        refused(() -> CouponCode.parse("\u017fave10"), "couponCode"); // long s
        refused(() -> CouponCode.parse("o\ufb00er10"), "couponCode"); // ff ligature
        refused(() -> CouponCode.parse("SAVE\u212a"), "couponCode"); // Kelvin sign
        assertThat(CouponCode.parse(" save10 ").value()).isEqualTo("SAVE10");
        assertThat(refused(() -> CouponCode.parse("sav\u0131e10"), "couponCode").getMessage()).contains("U+0131");
    }

    @Test
    void instantsBeyondWhatEveryStoreHoldsAreRefused() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        Instant far = now.plus(Duration.ofDays(365L * 300_000));
        refused(() -> ValidityPeriod.between(now, far), "validity.validUntil");
        refused(() -> ValidityPeriod.between(now, Instant.MAX), "validity.validUntil");
        refused(() -> ValidityPeriod.startingAt(Instant.MIN), "validity.validFrom");
        refused(() -> Customer.of("u", Instant.MIN, 0), "customer.accountCreatedAt");
        assertThat(ValidityPeriod.between(now, Instant.parse("9999-12-31T23:59:59Z")).end()).isPresent();
    }

    @Test
    void nullsAndDuplicatesInVarargsAreRefusedByField() {
        refused(() -> ProductScope.all().includingSkus(Sku.of("A"), Sku.of("A")), "scope.includedSkus");
        refused(() -> ProductScope.all().includingSkus(Sku.of("A"), null), "scope.includedSkus element");
        refused(() -> ProductScope.all().includingSkus((Sku[]) null), "scope.includedSkus");
        refused(() -> ProductScope.all().onlySellers(SellerId.of("s"), SellerId.of("s")), "scope.sellers");
        refused(() -> ProductScope.all().includingCategories(Category.of("c"), null), "scope.includedCategories element");
        refused(() -> ProductScope.all().excludingSkus(Sku.of("A"), Sku.of("A")), "scope.excludedSkus");
        refused(() -> ProductScope.all().excludingCategories(Category.of("c"), Category.of("c")), "scope.excludedCategories");
        refused(() -> EligibilityRules.anyone().forSegments(Segment.of("vip"), Segment.of("vip")), "eligibility.segments");
        refused(() -> EligibilityRules.anyone().forChannels(Channel.of("web"), null), "eligibility.channels element");
        refused(() -> Cart.of(Money.zero(TEN_EUR.currency()), (CartLine) null), "cart.lines element");
        refused(() -> AttemptQuery.where(AttemptField.USER, "u", Instant.EPOCH).withOutcomes(AttemptOutcome.BLOCKED,
                (AttemptOutcome) null), "outcomes element");
        refused(() -> AttemptQuery.where(AttemptField.USER, "u", Instant.EPOCH).withOutcomes(null), "outcomes element");
    }
}
