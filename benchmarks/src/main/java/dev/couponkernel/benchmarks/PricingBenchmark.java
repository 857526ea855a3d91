package dev.couponkernel.benchmarks;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.time.Instant;
import java.util.ArrayList;
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
 * One pricing evaluation: a 10-line cart with three stacked coupons (20 % off a category with a cap,
 * a fixed amount off the order, free shipping), eligibility included. One thread, so the figure is
 * evaluations per second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PricingBenchmark {

    /** The instant every pricing benchmark prices at. */
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private PricingEngine engine;
    private Cart cart;
    private Customer customer;
    private List<Coupon> coupons;
    private PricingRequest prebuilt;

    @Setup
    public void setUp() {
        engine = PricingEngine.standard();
        cart = tenLineCart();
        customer = regularCustomer();
        ValidityPeriod validity = validity();
        Coupon shoes = coupon(CouponDefinition.builder("SHOES20")
                .percentOff(Percentage.of(20), Money.of("50.00", "EUR"))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
                .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 1))
                .validity(validity).limits(UsageLimits.of(10_000, 1)).build());
        Coupon fiveOff = coupon(CouponDefinition.builder("FIVEOFF")
                .amountOff(Money.of("5.00", "EUR"), Money.of("6.00", "USD"))
                .eligibility(EligibilityRules.anyone().withMinOrderAmount(Money.of("20.00", "EUR"), Money.of("25.00", "USD")))
                .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0))
                .validity(validity).build());
        Coupon freeShip = coupon(CouponDefinition.builder("FREESHIP").freeShipping()
                .stacking(StackingRule.stackableWithAll(StackingClass.SHIPPING, 0)).validity(validity).build());
        coupons = List.of(shoes, fiveOff, freeShip);
        prebuilt = PricingRequest.builder(cart, customer).at(NOW).coupons(coupons).build();
        PricingDecision check = priceTenLinesThreeCoupons();
        if (check.applied().size() != 3) {
            throw new IllegalStateException("the benchmark must stack three coupons: " + check);
        }
    }

    /** @return the 10-line EUR cart the pricing benchmarks price: shoes and socks from two sellers, shipping 4.90 */
    static Cart tenLineCart() {
        List<CartLine> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(CartLine.of("line-" + i, "SKU-" + i, i % 3 == 0 ? "acme" : "globex",
                    Money.ofMinor(1_999 + 1_000L * i, Money.currency("EUR")), 1 + i % 3, i % 2 == 0 ? "shoes" : "socks"));
        }
        return new Cart(Money.currency("EUR"), lines, Money.of("4.90", "EUR"));
    }

    /** @return a customer of 90 days with 3 orders */
    static Customer regularCustomer() {
        return Customer.of("u-1", NOW.minusSeconds(86_400 * 90L), 3, "regular");
    }

    /** @return a validity period around {@link #NOW} */
    static ValidityPeriod validity() {
        return ValidityPeriod.between(NOW.minusSeconds(3600), NOW.plusSeconds(86_400));
    }

    /**
     * @param definition a definition
     * @return it as an active coupon, created and activated before {@link #NOW}
     */
    static Coupon coupon(CouponDefinition definition) {
        Actor staff = Actor.of("staff:bench");
        return Coupon.create(CouponId.of("c-" + definition.code()), definition, NOW.minusSeconds(7200), staff)
                .coupon().activate(NOW.minusSeconds(7200), staff).coupon();
    }

    /**
     * Builds the request and prices the cart, as a host does for each call: the cart and the coupons
     * come from the host's stores, everything else is measured.
     *
     * @return the decision, consumed by JMH
     */
    @Benchmark
    public PricingDecision priceTenLinesThreeCoupons() {
        return engine.price(PricingRequest.builder(cart, customer).at(NOW).coupons(coupons).build());
    }

    /**
     * Prices a request built once in the set-up: the engine alone, for comparison.
     *
     * @return the decision, consumed by JMH
     */
    @Benchmark
    public PricingDecision priceTenLinesThreeCouponsPrebuiltRequest() {
        return engine.price(prebuilt);
    }
}
