package dev.couponkernel.core;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.value.Money;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/** Lets properties take {@code @ForAll Money} and {@code @ForAll Cart} without naming a generator. */
public final class DomainArbitraryProvider implements ArbitraryProvider {

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return targetType.isOfType(Money.class) || targetType.isOfType(Cart.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        if (targetType.isOfType(Money.class)) {
            return Set.of(PricingArbitraries.currencies().flatMap(PricingArbitraries::money));
        }
        return Set.of(PricingArbitraries.carts());
    }
}
