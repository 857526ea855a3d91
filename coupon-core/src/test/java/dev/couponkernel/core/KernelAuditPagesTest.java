package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.core.storage.WithAudit;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel bounds a page of the audit trail itself, even over a host's store that checks nothing. */
class KernelAuditPagesTest {

    @Test
    void aPageOutOfBoundsIsRefusedBeforeTheStoreIsAsked() {
        CouponStorage real = InMemoryCouponStorage.create();
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        AuditTrail unchecked = new AuditTrail() {
            @Override
            public List<AuditEntry> byCoupon(CouponId couponId) {
                return real.audit().byCoupon(couponId);
            }

            @Override
            public List<AuditEntry> byUsage(UsageId usageId) {
                return real.audit().byUsage(usageId);
            }

            @Override
            public List<AuditEntry> page(CouponId couponId, long from, int max) {
                asked.add(from + "/" + max);
                return byCoupon(couponId);
            }
        };
        CouponKernel kernel = CouponKernel.builder().storage(new WithAudit(real, unchecked))
                .carts(id -> java.util.Optional.empty()).customers(id -> java.util.Optional.empty()).build();
        CouponId any = CouponId.of("c-1");

        assertThatThrownBy(() -> kernel.auditTrail(any, -1, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from");
        assertThatThrownBy(() -> kernel.auditTrail(any, 0, AuditTrail.MAX_PAGE + 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max");
        assertThat(asked).isEmpty();
        kernel.auditTrail(any, 0, 10);
        assertThat(asked).containsExactly("0/10");
    }
}
