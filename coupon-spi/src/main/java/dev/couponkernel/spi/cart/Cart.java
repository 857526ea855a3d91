package dev.couponkernel.spi.cart;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The authoritative content of a cart: its lines and its shipping amount, all in one currency. The
 * kernel prices from these lines and never from a total computed elsewhere.
 *
 * <p>Checked on construction: at least one line, unique line ids, one currency for every line and for
 * shipping, and a merchandise subtotal that does not overflow. Immutable and thread-safe.
 *
 * @param currency the currency of every amount in the cart
 * @param lines the lines, in the host's order
 * @param shipping the shipping amount, zero when there is none
 */
public record Cart(Currency currency, List<CartLine> lines, Money shipping) {

    /**
     * Validates the cart as a whole.
     *
     * @param currency the currency of every amount in the cart
     * @param lines the lines, in the host's order
     * @param shipping the shipping amount, zero when there is none
     */
    public Cart {
        Checks.notNull(currency, "cart.currency");
        Checks.notNull(lines, "cart.lines");
        Checks.notNull(shipping, "cart.shipping");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new InvalidInputException("cart.lines", "a cart has at least one line");
        }
        if (!shipping.currency().equals(currency)) {
            throw new InvalidInputException(
                    "cart.shipping",
                    "is in " + shipping.currency().getCurrencyCode() + " but the cart is in " + currency.getCurrencyCode());
        }
        Set<LineId> ids = new HashSet<>();
        long subtotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            CartLine line = lines.get(i);
            if (!line.unitPrice().currency().equals(currency)) {
                throw new InvalidInputException(
                        "cart.lines[" + i + "].unitPrice",
                        "line " + line.id() + " is in " + line.unitPrice().currency().getCurrencyCode()
                                + " but the cart is in " + currency.getCurrencyCode() + "; a cart has one currency");
            }
            if (!ids.add(line.id())) {
                throw new InvalidInputException("cart.lines[" + i + "].id", "line id " + line.id() + " appears twice");
            }
            try {
                subtotal = Math.addExact(subtotal, line.amount().minorUnits());
            } catch (ArithmeticException e) {
                throw new InvalidInputException("cart.lines", "the cart's subtotal overflows");
            }
        }
        try {
            Math.addExact(subtotal, shipping.minorUnits());
        } catch (ArithmeticException e) {
            throw new InvalidInputException("cart.shipping", "subtotal plus shipping overflows");
        }
    }

    /**
     * Returns a cart in the shipping amount's currency.
     *
     * @param shipping the shipping amount, zero when there is none
     * @param lines the lines
     * @return the cart
     */
    public static Cart of(Money shipping, CartLine... lines) {
        Checks.notNull(shipping, "cart.shipping");
        return new Cart(shipping.currency(), Checks.elements("cart.lines", lines), shipping);
    }

    /** @return the sum of the line amounts */
    public Money subtotal() {
        Money sum = Money.zero(currency);
        for (CartLine line : lines) {
            sum = sum.plus(line.amount());
        }
        return sum;
    }
}
