package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.storage.InMemoryAttemptLog;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.UsageLedger;
import dev.couponkernel.spi.value.UsageLimits;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How often one apply and one validate read the ledger: the checkout's usages once before the locks
 * (and once after, to release what is no longer applied), and each coupon's counts once, however
 * often pricing runs in the call (the fraud guard's dry run, a re-pricing after a refused lock).
 */
class ReadsPerCallTest {

    /** The in-memory storage with a ledger that counts the calls of each of its methods. */
    private static final class CountingStorage implements CouponStorage {
        final InMemoryCouponStorage inner = InMemoryCouponStorage.create();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final UsageLedger ledger = (UsageLedger) Proxy.newProxyInstance(UsageLedger.class.getClassLoader(),
                new Class<?>[] {UsageLedger.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(inner.ledger(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        int calls(String method) {
            return calls.getOrDefault(method, new AtomicInteger()).get();
        }

        @Override
        public CouponRepository coupons() {
            return inner.coupons();
        }

        @Override
        public UsageLedger ledger() {
            return ledger;
        }

        @Override
        public AuditTrail audit() {
            return inner.audit();
        }

        @Override
        public EventOutbox outbox() {
            return inner.outbox();
        }

        @Override
        public dev.couponkernel.spi.store.CodeStore codes() {
            return inner.codes();
        }
    }

    @Test
    void oneApplyReadsEachCouponsCountsOnceAndTheCheckoutTwice() {
        CountingStorage storage = new CountingStorage();
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Fixtures.exampleCart()))
                .customers(id -> Optional.of(Customer.of(id.value(), Fixtures.NOW.minusSeconds(86_400L * 90), 3)))
                .clock(new KernelHarness.MutableClock(Fixtures.NOW))
                .fraudGuard(FraudGuard.standard(InMemoryAttemptLog.create()))
                .build();
        for (String code : new String[] {"ONE10", "TWO10", "THREE10"}) {
            kernel.activate(kernel.create(CouponDefinition.builder(code).percentOff(10).limits(UsageLimits.of(100, 1))
                    .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0)).build(), Fixtures.STAFF).id(), Fixtures.STAFF);
        }
        storage.calls.clear();

        ApplyResult r = kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "ONE10", "TWO10", "THREE10"));

        assertThat(r.usages()).hasSize(3);
        assertThat(storage.calls("count")).as("counts read").isEqualTo(3);
        assertThat(storage.calls("usagesOf")).as("checkout reads").isEqualTo(2);
        assertThat(storage.calls("lock")).isEqualTo(3);

        storage.calls.clear();
        kernel.validate(ValidateRequest.of("u-2", "cart-1", "ONE10", "TWO10", "THREE10"));
        assertThat(storage.calls("count")).as("counts read by a validate").isEqualTo(3);
        assertThat(storage.calls("usagesOf")).isZero();
    }
}
