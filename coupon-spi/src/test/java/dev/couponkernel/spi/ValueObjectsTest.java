package dev.couponkernel.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void codesAreNormalized() {
        assertThat(CouponCode.parse("  summer10 ")).isEqualTo(CouponCode.parse("SUMMER10"));
        assertThat(CouponCode.parse("black_friday-2026").value()).isEqualTo("BLACK_FRIDAY-2026");
    }

    @Property
    void normalizingTwiceChangesNothing(@ForAll @StringLength(min = 3, max = 32) String raw) {
        try {
            CouponCode once = CouponCode.parse(raw);
            assertThat(CouponCode.parse(once.value())).isEqualTo(once);
            assertThat(CouponCode.parse(raw.toLowerCase(java.util.Locale.ROOT))).isEqualTo(once);
        } catch (dev.couponkernel.spi.error.InvalidInputException expected) {
            assertThat(expected.field()).isEqualTo("couponCode");
        }
    }

    @Test
    void moneyKeepsTheCurrencyScale() {
        assertThat(Money.of("12.5", "EUR").minorUnits()).isEqualTo(1250);
        assertThat(Money.of("12.5", "EUR").toString()).isEqualTo("12.50 EUR");
        assertThat(Money.of("1000", "JPY").minorUnits()).isEqualTo(1000);
        assertThat(Money.of("1.234", "BHD").minorUnits()).isEqualTo(1234);
        assertThat(Money.of(new BigDecimal("12.50"), Money.currency("EUR"))).isEqualTo(Money.of("12.5", "EUR"));
    }

    @Property
    void moneyRoundTripsThroughItsDecimal(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long minor) {
        Money money = Money.ofMinor(minor, Money.currency("USD"));
        assertThat(Money.of(money.amount(), money.currency())).isEqualTo(money);
        assertThat(Money.of(money.amount().toPlainString(), "USD")).isEqualTo(money);
    }

    @Property
    void plusThenMinusIsIdentity(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long a,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long b) {
        Money x = Money.ofMinor(a, Money.currency("EUR"));
        Money y = Money.ofMinor(b, Money.currency("EUR"));
        assertThat(x.plus(y).minus(y)).isEqualTo(x);
    }

    @Test
    void percentagesAreExactToABasisPoint() {
        assertThat(Percentage.of("12.5").basisPoints()).isEqualTo(1250);
        assertThat(Percentage.of(100)).isEqualTo(Percentage.HUNDRED);
        assertThat(Percentage.of("0.01").toString()).isEqualTo("0.01%");
    }

    @Test
    void validityIsHalfOpen() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        ValidityPeriod period = ValidityPeriod.between(start, end);
        assertThat(period.contains(start)).isTrue();
        assertThat(period.contains(end.minusNanos(1))).isTrue();
        assertThat(period.contains(end)).isFalse();
        assertThat(period.contains(start.minusNanos(1))).isFalse();
        assertThat(ValidityPeriod.startingAt(start).contains(Instant.MAX)).isTrue();
    }

    @Test
    void limitsCountLockedAndRedeemedUses() {
        UsageLimits limits = UsageLimits.of(3, 1);
        assertThat(limits.totalReached(2)).isFalse();
        assertThat(limits.totalReached(3)).isTrue();
        assertThat(limits.userReached(0)).isFalse();
        assertThat(limits.userReached(1)).isTrue();
        assertThat(UsageLimits.unlimited().totalReached(Long.MAX_VALUE)).isFalse();
        assertThat(UsageLimits.of(java.util.OptionalLong.empty(), java.util.OptionalLong.empty()))
                .isSameAs(UsageLimits.unlimited());
    }
}
