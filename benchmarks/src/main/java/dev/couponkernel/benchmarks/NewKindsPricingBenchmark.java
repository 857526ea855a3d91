package dev.couponkernel.benchmarks;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pricing evaluation with the new kinds: the same 10-line cart as {@link PricingBenchmark}, a
 * buy-2-shoes-get-1-pair-of-socks-free coupon (PRODUCT) and a tiered order coupon (5 % from zero,
 * 10 % from 100.00, 15 % from 200.00; ORDER), eligibility included. One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class NewKindsPricingBenchmark {

    private static final Instant NOW = PricingBenchmark.NOW;

    private PricingEngine engine;
    private Cart cart;
    private Customer customer;
    private List<Coupon> coupons;

    @Setup
    public void setUp() {
        engine = PricingEngine.standard();
        cart = PricingBenchmark.tenLineCart();
        customer = PricingBenchmark.regularCustomer();
        ValidityPeriod validity = PricingBenchmark.validity();
        Coupon buyGet = coupon(CouponDefinition.builder("SHOESOCKS")
                .discount(BuyXGetYDiscount.free(2, 1, ProductScope.all().includingCategories(Category.of("socks"))))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
                .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 1))
                .validity(validity).build());
        Coupon tiered = coupon(CouponDefinition.builder("SPENDMORE")
                .discount(TieredDiscount.bySubtotal(TieredDiscount.Tier.basePercent(5),
                        TieredDiscount.Tier.percentFromSubtotal(Money.of("100.00", "EUR"), 10),
                        TieredDiscount.Tier.percentFromSubtotal(Money.of("200.00", "EUR"), 15)))
                .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0))
                .validity(validity).build());
        coupons = List.of(buyGet, tiered);
        PricingDecision check = priceBuyXGetYAndTiered();
        if (check.applied().size() != 2) {
            throw new IllegalStateException("the benchmark must apply both coupons: " + check);
        }
    }

    private static Coupon coupon(CouponDefinition definition) {
        return PricingBenchmark.coupon(definition);
    }

    /**
     * Builds the request and prices the cart, as a host does for each call.
     *
     * @return the decision, consumed by JMH
     */
    @Benchmark
    public PricingDecision priceBuyXGetYAndTiered() {
        return engine.price(PricingRequest.builder(cart, customer).at(NOW).coupons(coupons).build());
    }
}
