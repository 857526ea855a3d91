package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Buy X, get Y: for every {@code buyQuantity} units of the coupon's eligible lines (its scope, the
 * qualifying items), {@code getQuantity} units of the reward scope's lines get a percentage off (100 %
 * is free) or an amount off each (never more than the unit). One application takes its rewarded
 * units first, the cheapest available by list price (ties by line id), then its qualifying units,
 * the most expensive available, and a unit serves once: in "buy 2 socks, get 1 free" three socks are
 * one application. It repeats while units are left, at most {@code maxApplications} times when set.
 * A cart with no complete application is refused ({@code MIN_QUANTITY_NOT_MET}). See {@code
 * docs/discount_rules.md}. Immutable and thread-safe.
 *
 * @param buyQuantity the qualifying units one application needs, 1 to 1,000
 * @param getQuantity the units one application rewards, 1 to 1,000
 * @param rewardScope the lines whose units can be rewarded
 * @param percent the percentage off each rewarded unit, or empty when the reward is an amount
 * @param amounts the amount off each rewarded unit per currency, or empty when the reward is a percentage
 * @param maxApplications the most applications in one checkout, or empty for as many as the cart holds
 */
public record BuyXGetYDiscount(int buyQuantity, int getQuantity, ProductScope rewardScope, Optional<Percentage> percent,
        CurrencyAmounts amounts, OptionalInt maxApplications) implements Discount {

    /**
     * Validates the parts.
     *
     * @param buyQuantity the qualifying units one application needs, 1 to 1,000
     * @param getQuantity the units one application rewards, 1 to 1,000
     * @param rewardScope the lines whose units can be rewarded
     * @param percent the percentage off each rewarded unit, or empty when the reward is an amount
     * @param amounts the amount off each rewarded unit per currency, or empty when the reward is a percentage
     * @param maxApplications the most applications in one checkout, or empty for as many as the cart holds
     */
    public BuyXGetYDiscount {
        Checks.notNull(rewardScope, "discount.rewardScope");
        Checks.notNull(percent, "discount.percent");
        Checks.notNull(amounts, "discount.amounts");
        Checks.notNull(maxApplications, "discount.maxApplications");
        if (buyQuantity < 1 || buyQuantity > 1_000) {
            throw new InvalidInputException("discount.buyQuantity", "must be 1 to 1000, was " + buyQuantity);
        }
        if (getQuantity < 1 || getQuantity > 1_000) {
            throw new InvalidInputException("discount.getQuantity", "must be 1 to 1000, was " + getQuantity);
        }
        if (percent.isPresent() == !amounts.isEmpty()) {
            throw new InvalidInputException("discount", "a buy-X-get-Y reward is either a percent or amounts, not "
                    + (percent.isPresent() ? "both" : "neither"));
        }
        if (maxApplications.isPresent() && (maxApplications.getAsInt() < 1 || maxApplications.getAsInt() > 1_000_000)) {
            throw new InvalidInputException("discount.maxApplications", "must be 1 to 1000000, was "
                    + maxApplications.getAsInt());
        }
    }

    /**
     * @param buy the qualifying units one application needs
     * @param get the units it gives free
     * @param rewardScope the lines whose units can be given
     * @return the discount, repeating
     */
    public static BuyXGetYDiscount free(int buy, int get, ProductScope rewardScope) {
        return new BuyXGetYDiscount(buy, get, rewardScope, Optional.of(Percentage.HUNDRED), CurrencyAmounts.none(),
                OptionalInt.empty());
    }

    /**
     * @param buy the qualifying units one application needs
     * @param get the units it rewards
     * @param rewardScope the lines whose units can be rewarded
     * @param percent the percentage off each rewarded unit
     * @return the discount, repeating
     */
    public static BuyXGetYDiscount percentOff(int buy, int get, ProductScope rewardScope, int percent) {
        return new BuyXGetYDiscount(buy, get, rewardScope, Optional.of(Percentage.of(percent)), CurrencyAmounts.none(),
                OptionalInt.empty());
    }

    /**
     * @param buy the qualifying units one application needs
     * @param get the units it rewards
     * @param rewardScope the lines whose units can be rewarded
     * @param amounts the amount off each rewarded unit, one per currency
     * @return the discount, repeating
     */
    public static BuyXGetYDiscount amountOff(int buy, int get, ProductScope rewardScope, Money... amounts) {
        return new BuyXGetYDiscount(buy, get, rewardScope, Optional.empty(), CurrencyAmounts.of("discount.amounts", amounts),
                OptionalInt.empty());
    }

    /**
     * @param applications the most applications in one checkout
     * @return this discount with that maximum
     */
    public BuyXGetYDiscount atMost(int applications) {
        return new BuyXGetYDiscount(buyQuantity, getQuantity, rewardScope, percent, amounts, OptionalInt.of(applications));
    }

    /**
     * Decides which units are rewarded (see the class description), on list prices.
     *
     * @param lines the cart's lines
     * @param qualifying for each line, whether it is in the coupon's scope
     * @return for each line, how many of its units are rewarded; all zero when no application is complete
     */
    public long[] rewardedUnits(List<CartLine> lines, boolean[] qualifying) {
        int n = lines.size();
        long[] available = new long[n];
        boolean[] reward = new boolean[n];
        Integer[] cheapest = new Integer[n];
        for (int i = 0; i < n; i++) {
            CartLine l = lines.get(i);
            available[i] = l.quantity();
            reward[i] = rewardScope.includes(l.seller(), l.sku(), l.categories());
            cheapest[i] = i;
        }
        java.util.Comparator<CartLine> order = CartLine.byUnitPrice(true);
        java.util.Arrays.sort(cheapest, (a, b) -> order.compare(lines.get(a), lines.get(b)));
        long[] rewarded = new long[n];
        long[] take = new long[n];
        long[] given = new long[n];
        long applications = maxApplications.isPresent() ? maxApplications.getAsInt() : Long.MAX_VALUE;
        for (long a = 0; a < applications; a++) {
            java.util.Arrays.fill(take, 0);
            java.util.Arrays.fill(given, 0);
            long need = getQuantity;
            for (int j = 0; j < n && need > 0; j++) {
                int i = cheapest[j];
                if (reward[i]) {
                    long t = Math.min(need, available[i]);
                    given[i] = t;
                    take[i] = t;
                    need -= t;
                }
            }
            long buy = buyQuantity;
            for (int j = n - 1; j >= 0 && buy > 0 && need == 0; j--) {
                int i = cheapest[j];
                if (qualifying[i]) {
                    long t = Math.min(buy, available[i] - take[i]);
                    buy -= t;
                    take[i] += t;
                }
            }
            if (need > 0 || buy > 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                available[i] -= take[i];
                rewarded[i] += given[i];
            }
        }
        return rewarded;
    }

    @Override
    public DiscountType type() {
        return DiscountType.BUY_X_GET_Y;
    }

    @Override
    public Set<Currency> currencies() {
        return amounts.currencies();
    }
}
