package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import java.util.Currency;
import java.util.Set;

/**
 * A discount of a kind the host registers with the kernel ({@code CouponKernel.builder().discountKind(...)}):
 * the kind's name, the amounts it takes per currency if it takes money, and its own parameters. The
 * library stores and transmits it like any built-in kind; the registered kind validates it when a
 * coupon is created and calculates it when a cart is priced, and the engine enforces the invariants
 * on what it returns (never more than what is left of a line or of shipping, allocations exact to
 * the minor unit, the cart's currency). A coupon of a kind the kernel does not know is refused when
 * created and is an {@link dev.couponkernel.spi.error.UnknownKindException} when priced. Immutable
 * and thread-safe.
 *
 * @param kind the kind's name: lower-case letters and digits, words joined by {@code .}, {@code -}
 *     or {@code _} (for example {@code acme.spend-and-save}), at most {@value #MAX_KIND_LENGTH} characters
 * @param amounts the money settings per currency, empty for a kind without them (it then works in
 *     every currency; a coupon with amounts gives nothing in a currency it has none for)
 * @param parameters the kind's other settings
 */
public record HostDiscount(String kind, CurrencyAmounts amounts, HostParameters parameters) implements Discount {

    /** The longest kind name. */
    public static final int MAX_KIND_LENGTH = 64;

    private static final java.util.regex.Pattern KIND_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9]*([._-][a-z0-9]+)*");

    /**
     * Validates the parts.
     *
     * @param kind the kind's name
     * @param amounts the money settings per currency, empty for none
     * @param parameters the kind's other settings
     */
    public HostDiscount {
        kind = kindName(kind, "discount.kind");
        Checks.notNull(amounts, "discount.amounts");
        Checks.notNull(parameters, "discount.parameters");
    }

    /**
     * @param kind the kind's name
     * @param parameters the kind's settings
     * @return a host discount without money settings
     */
    public static HostDiscount of(String kind, HostParameters parameters) {
        return new HostDiscount(kind, CurrencyAmounts.none(), parameters);
    }

    @Override
    public DiscountType type() {
        return DiscountType.HOST;
    }

    @Override
    public Set<Currency> currencies() {
        return amounts.currencies();
    }

    /**
     * Checks the name of a host-defined kind of discount or condition.
     *
     * @param kind the name
     * @param field the field to name in an error
     * @return the name
     * @throws dev.couponkernel.spi.error.InvalidInputException if it is not a kind name
     */
    public static String kindName(String kind, String field) {
        Checks.text(kind, field, MAX_KIND_LENGTH);
        if (!KIND_NAME.matcher(kind).matches()) {
            throw new dev.couponkernel.spi.error.InvalidInputException(field, "'" + Checks.quote(kind)
                    + "' is not a kind name: lower-case letters and digits, words joined by . - or _");
        }
        return kind;
    }
}
