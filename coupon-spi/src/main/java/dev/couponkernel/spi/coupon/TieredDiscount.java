package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A discount that grows in steps: the eligible lines' subtotal (before any coupon) or their quantity
 * picks the highest tier it reaches, boundaries inclusive, and that tier's percentage or amount comes
 * off the eligible lines, as a {@link PercentDiscount} or {@link FixedDiscount} would. Below the first
 * tier the coupon does not apply ({@code MIN_ORDER_AMOUNT_NOT_MET} or {@code MIN_QUANTITY_NOT_MET});
 * a first tier from zero (by quantity {@code fromQuantity} 0, by subtotal no threshold) is a base
 * discount. Example (Solidus' tiered percent): 10 % from 0, 15 % from
 * 20.00, 20 % from 30.00. See {@code docs/discount_rules.md}. Immutable and thread-safe.
 *
 * <p>Rules, each checked here with the field named: 1 to {@value #MAX_TIERS} tiers in strictly
 * ascending order of their threshold; every tier gives a percentage, or every tier an amount; money
 * thresholds and amounts are in the same currencies in every tier.
 *
 * @param basis what picks the tier
 * @param tiers the tiers, lowest first
 */
public record TieredDiscount(Basis basis, List<Tier> tiers) implements Discount {

    /** The most tiers a discount has. */
    public static final int MAX_TIERS = 20;

    /** What picks the tier. */
    public enum Basis {
        /** The eligible lines' subtotal before any coupon, in the cart's currency. */
        SUBTOTAL,
        /** The number of eligible units. */
        QUANTITY
    }

    /**
     * One step: from a threshold on, a percentage or an amount off.
     *
     * @param fromQuantity the least number of eligible units ({@code QUANTITY} basis; 0 otherwise)
     * @param fromSubtotal the least eligible subtotal per currency ({@code SUBTOTAL} basis; empty
     *     otherwise, and for a first, base tier from zero)
     * @param percent the percentage off, or empty when the tier gives an amount
     * @param amounts the amount off per currency, or empty when the tier gives a percentage
     */
    public record Tier(long fromQuantity, CurrencyAmounts fromSubtotal, Optional<Percentage> percent, CurrencyAmounts amounts) {

        /**
         * Validates the parts of one tier.
         *
         * @param fromQuantity the least number of eligible units ({@code QUANTITY} basis; 0 otherwise)
         * @param fromSubtotal the least eligible subtotal per currency ({@code SUBTOTAL} basis; empty otherwise)
         * @param percent the percentage off, or empty when the tier gives an amount
         * @param amounts the amount off per currency, or empty when the tier gives a percentage
         */
        public Tier {
            Checks.notNull(fromSubtotal, "discount.tiers.fromSubtotal");
            Checks.notNull(percent, "discount.tiers.percent");
            Checks.notNull(amounts, "discount.tiers.amounts");
            if (fromQuantity < 0 || fromQuantity > 1_000_000) {
                throw new InvalidInputException("discount.tiers.fromQuantity", "must be 0 to 1000000, was " + fromQuantity);
            }
            if (percent.isPresent() == !amounts.isEmpty()) {
                throw new InvalidInputException("discount.tiers", "a tier gives either a percent or amounts, not "
                        + (percent.isPresent() ? "both" : "neither"));
            }
        }

        /**
         * @param fromQuantity the least number of eligible units
         * @param percent the percentage off from there
         * @return the tier
         */
        public static Tier percentFromQuantity(long fromQuantity, int percent) {
            return new Tier(fromQuantity, CurrencyAmounts.none(), Optional.of(Percentage.of(percent)), CurrencyAmounts.none());
        }

        /**
         * @param fromQuantity the least number of eligible units
         * @param amounts the amount off from there, per currency
         * @return the tier
         */
        public static Tier amountFromQuantity(long fromQuantity, Money... amounts) {
            return new Tier(fromQuantity, CurrencyAmounts.none(), Optional.empty(),
                    CurrencyAmounts.of("discount.tiers.amounts", amounts));
        }

        /**
         * @param percent the percentage off from zero
         * @return a first, base tier by subtotal
         */
        public static Tier basePercent(int percent) {
            return new Tier(0, CurrencyAmounts.none(), Optional.of(Percentage.of(percent)), CurrencyAmounts.none());
        }

        /**
         * @param from the least eligible subtotal, in one currency
         * @param percent the percentage off from there
         * @return the tier
         */
        public static Tier percentFromSubtotal(Money from, int percent) {
            return new Tier(0, CurrencyAmounts.of("discount.tiers.fromSubtotal", from), Optional.of(Percentage.of(percent)),
                    CurrencyAmounts.none());
        }

        /**
         * @param from the least eligible subtotal, in one currency
         * @param amount the amount off from there, in the same currency
         * @return the tier
         */
        public static Tier amountFromSubtotal(Money from, Money amount) {
            return new Tier(0, CurrencyAmounts.of("discount.tiers.fromSubtotal", from), Optional.empty(),
                    CurrencyAmounts.of("discount.tiers.amounts", amount));
        }
    }

    /**
     * Validates the tiers together.
     *
     * @param basis what picks the tier
     * @param tiers the tiers, lowest first
     */
    public TieredDiscount {
        Checks.notNull(basis, "discount.basis");
        Checks.notNull(tiers, "discount.tiers");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty() || tiers.size() > MAX_TIERS) {
            throw new InvalidInputException("discount.tiers", "must hold 1 to " + MAX_TIERS + " tiers, held " + tiers.size());
        }
        boolean percent = tiers.get(0).percent().isPresent();
        Set<Currency> amountCurrencies = tiers.get(0).amounts().currencies();
        // a first tier by subtotal without threshold is a base tier, from zero
        Set<Currency> thresholdCurrencies = tiers.get(tiers.size() > 1 ? 1 : 0).fromSubtotal().currencies();
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            String field = "discount.tiers[" + i + "]";
            if (t.percent().isPresent() != percent) {
                throw new InvalidInputException(field, "every tier gives a percent, or every tier an amount");
            }
            if (!t.amounts().currencies().equals(amountCurrencies)) {
                throw new InvalidInputException(field + ".amounts", "every tier's amounts are in the same currencies");
            }
            switch (basis) {
                case QUANTITY -> {
                    if (!t.fromSubtotal().isEmpty()) {
                        throw new InvalidInputException(field + ".fromSubtotal", "a tier by quantity has no subtotal threshold");
                    }
                    if (i > 0 && t.fromQuantity() <= tiers.get(i - 1).fromQuantity()) {
                        throw new InvalidInputException(field + ".fromQuantity", "must be above the tier before's "
                                + tiers.get(i - 1).fromQuantity() + ", was " + t.fromQuantity());
                    }
                }
                case SUBTOTAL -> {
                    if (t.fromQuantity() != 0) {
                        throw new InvalidInputException(field + ".fromQuantity", "a tier by subtotal has no quantity threshold");
                    }
                    boolean base = i == 0 && t.fromSubtotal().isEmpty();
                    if (!base && (t.fromSubtotal().isEmpty() || !t.fromSubtotal().currencies().equals(thresholdCurrencies))) {
                        throw new InvalidInputException(field + ".fromSubtotal",
                                "every tier by subtotal but a first, base one has a threshold, in the same currencies");
                    }
                    if (i > 0 && !tiers.get(i - 1).fromSubtotal().isEmpty()) {
                        for (Currency c : thresholdCurrencies) {
                            Money before = tiers.get(i - 1).fromSubtotal().in(c).orElseThrow();
                            Money here = t.fromSubtotal().in(c).orElseThrow();
                            if (here.compareTo(before) <= 0) {
                                throw new InvalidInputException(field + ".fromSubtotal", "must be above the tier before's "
                                        + before + ", was " + here);
                            }
                        }
                    }
                }
            }
        }
        if (!amountCurrencies.isEmpty() && !thresholdCurrencies.isEmpty() && !amountCurrencies.equals(thresholdCurrencies)) {
            throw new InvalidInputException("discount.tiers", "the thresholds and the amounts are in the same currencies");
        }
    }

    /**
     * @param tiers tiers by eligible subtotal, lowest first
     * @return the discount
     */
    public static TieredDiscount bySubtotal(Tier... tiers) {
        return new TieredDiscount(Basis.SUBTOTAL, List.of(tiers));
    }

    /**
     * @param tiers tiers by eligible quantity, lowest first
     * @return the discount
     */
    public static TieredDiscount byQuantity(Tier... tiers) {
        return new TieredDiscount(Basis.QUANTITY, List.of(tiers));
    }

    /**
     * Picks the tier a subtotal or quantity reaches.
     *
     * @param subtotal the eligible subtotal before any coupon
     * @param quantity the number of eligible units
     * @return the highest tier reached, or empty below the first
     */
    public Optional<Tier> tierFor(Money subtotal, long quantity) {
        Tier reached = null;
        for (Tier t : tiers) {
            boolean reaches = switch (basis) {
                case QUANTITY -> quantity >= t.fromQuantity();
                case SUBTOTAL -> t.fromSubtotal().isEmpty()
                        || t.fromSubtotal().in(subtotal.currency()).map(from -> subtotal.compareTo(from) >= 0).orElse(false);
            };
            if (!reaches) {
                break;
            }
            reached = t;
        }
        return Optional.ofNullable(reached);
    }

    @Override
    public DiscountType type() {
        return DiscountType.TIERED;
    }

    @Override
    public Set<Currency> currencies() {
        Set<Currency> all = new TreeSet<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        all.addAll(tiers.get(tiers.size() > 1 ? 1 : 0).fromSubtotal().currencies());
        all.addAll(tiers.get(0).amounts().currencies());
        return java.util.Collections.unmodifiableSet(all);
    }
}
