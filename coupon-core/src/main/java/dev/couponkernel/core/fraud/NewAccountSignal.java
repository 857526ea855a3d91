package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A new account with a high-value coupon ({@code new-account.high-value}, score 45: flagged for
 * review, not blocked on its own). An account is new while younger than {@code maxAge} (24 hours by
 * default); a coupon is high-value on this cart when its discount is at least {@code percentOfCart}
 * of the cart's merchandise value (50% by default) or at least the amount set for the cart's
 * currency (none by default). Immutable and thread-safe.
 */
public final class NewAccountSignal implements FraudSignalProvider {

    private final Duration maxAge;
    private final int percentOfCart;
    private final CurrencyAmounts amounts;

    private NewAccountSignal(Duration maxAge, int percentOfCart, CurrencyAmounts amounts) {
        this.maxAge = maxAge;
        this.percentOfCart = percentOfCart;
        this.amounts = amounts;
    }

    /** @return the provider with the defaults */
    public static NewAccountSignal defaults() {
        return new NewAccountSignal(Duration.ofHours(24), 50, CurrencyAmounts.none());
    }

    /**
     * @param maxAge accounts younger than this are new, positive
     * @param percentOfCart a discount of at least this share of the cart is high-value, 1 to 100
     * @param amounts a discount of at least the amount for the cart's currency is high-value
     * @return a provider with these limits
     */
    public NewAccountSignal limits(Duration maxAge, int percentOfCart, CurrencyAmounts amounts) {
        if (percentOfCart < 1 || percentOfCart > 100) {
            throw new InvalidInputException("newAccount.percentOfCart", "must be 1 to 100, was " + percentOfCart);
        }
        return new NewAccountSignal(Window.positive(maxAge, "newAccount.maxAge"), percentOfCart,
                Checks.notNull(amounts, "newAccount.amounts"));
    }

    @Override
    public List<FraudSignal> signals(FraudCheck check) {
        AttemptContext a = check.attempt();
        Money discount = check.discount();
        if (discount.isZero() || a.accountAge().compareTo(maxAge) >= 0) {
            return List.of();
        }
        Money cart = a.cartValue();
        boolean share = cart.currency().equals(discount.currency()) && !cart.isZero()
                && discount.amount().multiply(BigDecimal.valueOf(100))
                        .compareTo(cart.amount().multiply(BigDecimal.valueOf(percentOfCart))) >= 0;
        Optional<Money> limit = amounts.in(discount.currency());
        boolean amount = limit.isPresent() && discount.compareTo(limit.get()) >= 0;
        if (!share && !amount) {
            return List.of();
        }
        return List.of(FraudSignal.of("new-account.high-value", 45, "account " + Window.words(roundDown(a.accountAge()))
                + " old gets " + discount + " off a cart of " + cart + " (new below " + Window.words(maxAge) + "; high value from "
                + percentOfCart + "% of the cart" + limit.map(l -> " or " + l).orElse("") + ")"));
    }

    private static Duration roundDown(Duration d) {
        return Duration.ofMinutes(d.toMinutes());
    }
}
