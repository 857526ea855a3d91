package dev.couponkernel.spi.cart;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import java.util.Set;

/**
 * One line of a cart: a quantity of one SKU from one seller at a unit price. Its amount is
 * {@code unitPrice x quantity}, checked for overflow on construction. Immutable and thread-safe.
 *
 * @param id the line's identity, unique within its cart
 * @param sku the product
 * @param seller the seller; a single-seller shop uses one seller id for every line
 * @param categories the product's categories
 * @param unitPrice the price of one item, not negative
 * @param quantity how many items, at least 1
 */
public record CartLine(LineId id, Sku sku, SellerId seller, Set<Category> categories, Money unitPrice, int quantity) {

    /**
     * The order in which discounts that pick units take them: by list unit price, cheapest or most
     * expensive first, ties by line id, so the order never depends on the cart's line order.
     *
     * @param cheapestFirst whether the cheapest unit price comes first
     * @return the order
     */
    public static java.util.Comparator<CartLine> byUnitPrice(boolean cheapestFirst) {
        java.util.Comparator<CartLine> byPrice = java.util.Comparator.comparingLong(l -> l.unitPrice().minorUnits());
        return (cheapestFirst ? byPrice : byPrice.reversed()).thenComparing(CartLine::id);
    }

    /**
     * Validates the parts and that the line amount does not overflow.
     *
     * @param id the line's identity, unique within its cart
     * @param sku the product
     * @param seller the seller; a single-seller shop uses one seller id for every line
     * @param categories the product's categories
     * @param unitPrice the price of one item, not negative
     * @param quantity how many items, at least 1
     */
    public CartLine {
        Checks.notNull(id, "line.id");
        Checks.notNull(sku, "line.sku");
        Checks.notNull(seller, "line.seller");
        categories = Checks.copyOf(categories, "line.categories");
        Checks.notNull(unitPrice, "line.unitPrice");
        if (quantity <= 0) {
            throw new InvalidInputException("line.quantity", "line " + id + ": must be at least 1, was " + quantity);
        }
        if (Math.multiplyHigh(unitPrice.minorUnits(), quantity) != 0
                || unitPrice.minorUnits() * quantity < 0) {
            throw new InvalidInputException(
                    "line.quantity", "line " + id + ": " + unitPrice + " x " + quantity + " overflows");
        }
    }

    /**
     * Returns a line.
     *
     * @param id the line id
     * @param sku the SKU
     * @param seller the seller
     * @param unitPrice the unit price
     * @param quantity the quantity
     * @param categories the categories
     * @return the line
     */
    public static CartLine of(String id, String sku, String seller, Money unitPrice, int quantity, String... categories) {
        Checks.notNull(categories, "line.categories");
        java.util.HashSet<Category> set = new java.util.HashSet<>();
        for (String c : categories) {
            set.add(Category.of(c));
        }
        return new CartLine(LineId.of(id), Sku.of(sku), SellerId.of(seller), set, unitPrice, quantity);
    }

    /** @return {@code unitPrice x quantity} */
    public Money amount() {
        return unitPrice.times(quantity);
    }
}
