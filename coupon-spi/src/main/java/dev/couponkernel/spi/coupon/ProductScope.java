package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import java.util.HashSet;
import java.util.Set;

/**
 * Which cart lines a coupon discounts. A line is eligible when all of these hold:
 *
 * <ul>
 *   <li>{@code sellers} is empty or names the line's seller;
 *   <li>{@code includedSkus} and {@code includedCategories} are both empty, or the line's SKU is
 *       included, or one of its categories is included;
 *   <li>the line's SKU is not excluded and none of its categories is excluded.
 * </ul>
 *
 * Exclusion wins over inclusion. A SKU or category both included and excluded is a contradiction and
 * is refused. Immutable and thread-safe.
 *
 * @param sellers the sellers whose lines are eligible; empty for any seller
 * @param includedSkus SKUs that are eligible
 * @param includedCategories categories whose lines are eligible
 * @param excludedSkus SKUs that are never eligible
 * @param excludedCategories categories whose lines are never eligible
 */
public record ProductScope(
        Set<SellerId> sellers,
        Set<Sku> includedSkus,
        Set<Category> includedCategories,
        Set<Sku> excludedSkus,
        Set<Category> excludedCategories) {

    private static final ProductScope ALL = new ProductScope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    /**
     * Validates the parts and that nothing is both included and excluded.
     *
     * @param sellers the sellers whose lines are eligible; empty for any seller
     * @param includedSkus SKUs that are eligible
     * @param includedCategories categories whose lines are eligible
     * @param excludedSkus SKUs that are never eligible
     * @param excludedCategories categories whose lines are never eligible
     */
    public ProductScope {
        sellers = Checks.copyOf(sellers, "scope.sellers");
        includedSkus = Checks.copyOf(includedSkus, "scope.includedSkus");
        includedCategories = Checks.copyOf(includedCategories, "scope.includedCategories");
        excludedSkus = Checks.copyOf(excludedSkus, "scope.excludedSkus");
        excludedCategories = Checks.copyOf(excludedCategories, "scope.excludedCategories");
        Set<Sku> skuConflict = new HashSet<>(includedSkus);
        skuConflict.retainAll(excludedSkus);
        if (!skuConflict.isEmpty()) {
            throw new InvalidInputException("scope.excludedSkus", "SKUs both included and excluded: " + skuConflict);
        }
        Set<Category> categoryConflict = new HashSet<>(includedCategories);
        categoryConflict.retainAll(excludedCategories);
        if (!categoryConflict.isEmpty()) {
            throw new InvalidInputException(
                    "scope.excludedCategories", "categories both included and excluded: " + categoryConflict);
        }
    }

    /** @return the scope that makes every line eligible */
    public static ProductScope all() {
        return ALL;
    }

    /**
     * Returns a scope limited to sellers.
     *
     * @param sellers the sellers
     * @return the scope
     */
    public ProductScope onlySellers(SellerId... sellers) {
        return new ProductScope(Checks.distinct("scope.sellers", sellers), includedSkus, includedCategories, excludedSkus, excludedCategories);
    }

    /**
     * Returns this scope with included SKUs.
     *
     * @param skus the SKUs
     * @return the scope
     */
    public ProductScope includingSkus(Sku... skus) {
        return new ProductScope(sellers, Checks.distinct("scope.includedSkus", skus), includedCategories, excludedSkus, excludedCategories);
    }

    /**
     * Returns this scope with included categories.
     *
     * @param categories the categories
     * @return the scope
     */
    public ProductScope includingCategories(Category... categories) {
        return new ProductScope(sellers, includedSkus, Checks.distinct("scope.includedCategories", categories), excludedSkus, excludedCategories);
    }

    /**
     * Returns this scope with excluded SKUs.
     *
     * @param skus the SKUs
     * @return the scope
     */
    public ProductScope excludingSkus(Sku... skus) {
        return new ProductScope(sellers, includedSkus, includedCategories, Checks.distinct("scope.excludedSkus", skus), excludedCategories);
    }

    /**
     * Returns this scope with excluded categories.
     *
     * @param categories the categories
     * @return the scope
     */
    public ProductScope excludingCategories(Category... categories) {
        return new ProductScope(sellers, includedSkus, includedCategories, excludedSkus, Checks.distinct("scope.excludedCategories", categories));
    }

    /** @return whether every line is eligible */
    public boolean isAll() {
        return this == ALL || sellers.isEmpty() && includedSkus.isEmpty() && includedCategories.isEmpty()
                && excludedSkus.isEmpty() && excludedCategories.isEmpty();
    }

    /**
     * Tells whether a line with these attributes is eligible.
     *
     * @param seller the line's seller
     * @param sku the line's SKU
     * @param categories the line's categories
     * @return true if the line is in scope
     */
    public boolean includes(SellerId seller, Sku sku, Set<Category> categories) {
        if (!sellers.isEmpty() && !sellers.contains(seller)) {
            return false;
        }
        if (!excludedSkus.isEmpty() && excludedSkus.contains(sku)) {
            return false;
        }
        if (!excludedCategories.isEmpty() && intersects(excludedCategories, categories)) {
            return false;
        }
        if (includedSkus.isEmpty() && includedCategories.isEmpty()) {
            return true;
        }
        return (!includedSkus.isEmpty() && includedSkus.contains(sku))
                || (!includedCategories.isEmpty() && intersects(includedCategories, categories));
    }

    private static boolean intersects(Set<Category> a, Set<Category> b) {
        Set<Category> small = a.size() <= b.size() ? a : b;
        Set<Category> large = small == a ? b : a;
        for (Category c : small) {
            if (large.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
