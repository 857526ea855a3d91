package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CodeStore;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.UsageLedger;

/** A storage that is another one with its audit trail replaced, as a host's own trail would be. */
public final class WithAudit implements CouponStorage {

    private final CouponStorage real;
    private final AuditTrail audit;

    /**
     * @param real the storage everything else comes from
     * @param audit the trail in its place
     */
    public WithAudit(CouponStorage real, AuditTrail audit) {
        this.real = real;
        this.audit = audit;
    }

    @Override
    public CouponRepository coupons() {
        return real.coupons();
    }

    @Override
    public UsageLedger ledger() {
        return real.ledger();
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }

    @Override
    public EventOutbox outbox() {
        return real.outbox();
    }

    @Override
    public CodeStore codes() {
        return real.codes();
    }
}
