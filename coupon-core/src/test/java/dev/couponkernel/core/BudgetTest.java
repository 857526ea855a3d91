package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import org.junit.jupiter.api.Test;

/**
 * A coupon's money budget through the kernel: apply reserves the discount it priced (merchandise and
 * shipping), a checkout the budget cannot cover gets the coupon rejected with BUDGET_EXHAUSTED and
 * what is left, releasing gives the discount back, limits changes move the budget, and a budget in
 * another currency than the coupon's amounts is refused at create.
 */
class BudgetTest {

    private final KernelHarness h = new KernelHarness();

    /** 10 % of the example cart's 100.00 EUR: 10.00 EUR a checkout. */
    private CouponRecord tenPercent(String budget) {
        return h.active(CouponDefinition.builder("TENOFF").percentOff(10)
                .limits(UsageLimits.unlimited().withBudget(Money.of(budget, "EUR"))).build());
    }

    @Test
    void applyReservesThePricedDiscountAndRejectsWhatTheBudgetCannotCover() {
        CouponRecord coupon = tenPercent("25.00");

        ApplyResult first = h.kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        ApplyResult second = h.kernel.apply(ApplyRequest.of("co-2", "u-1", "cart-1", "TENOFF"));
        ApplyResult third = h.kernel.apply(ApplyRequest.of("co-3", "u-1", "cart-1", "TENOFF"));

        assertThat(first.usages()).singleElement().satisfies(u -> assertThat(u.discount()).isEqualTo(Money.of("10.00", "EUR")));
        assertThat(second.usages()).hasSize(1);
        assertThat(third.usages()).isEmpty();
        assertThat(third.decision().rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.BUDGET_EXHAUSTED);
            assertThat(r.message()).contains("5.00 EUR of 25.00 EUR");
        });

        h.kernel.release(CheckoutId.of("co-1"), "payment declined", KernelHarness.STAFF);
        assertThat(h.kernel.apply(ApplyRequest.of("co-4", "u-1", "cart-1", "TENOFF")).usages()).as("the release gave 10.00 back")
                .hasSize(1);
        assertThat(h.storage.ledger().count(coupon.id(), dev.couponkernel.spi.value.UserId.of("u-1")).total()).isEqualTo(2);
    }

    @Test
    void changingTheLimitsMovesTheBudget() {
        CouponRecord coupon = tenPercent("10.00");
        h.kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        assertThat(h.kernel.apply(ApplyRequest.of("co-2", "u-1", "cart-1", "TENOFF")).usages()).isEmpty();

        h.kernel.changeLimits(coupon.id(), UsageLimits.unlimited().withBudget(Money.of("30.00", "EUR")), KernelHarness.STAFF);

        assertThat(h.kernel.apply(ApplyRequest.of("co-3", "u-1", "cart-1", "TENOFF")).usages()).hasSize(1);
    }

    @Test
    void aBudgetInAnotherCurrencyThanTheCouponsAmountsIsRefused() {
        assertThatThrownBy(() -> CouponDefinition.builder("FIVE").amountOff(Money.of("5.00", "EUR"))
                .limits(UsageLimits.unlimited().withBudget(Money.of("100.00", "USD"))).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limits.budget");
    }

    @Test
    void aPercentCouponWithABudgetWorksOnlyInTheBudgetsCurrencies() {
        CouponDefinition d = CouponDefinition.builder("TENOFF").percentOff(10)
                .limits(UsageLimits.unlimited().withBudget(Money.of("10.00", "EUR"))).build();
        assertThat(d.supports(Money.currency("EUR"))).isTrue();
        assertThat(d.supports(Money.currency("USD"))).isFalse();
    }
}
