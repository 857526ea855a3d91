package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerStateProperties;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.state.ActionChain;

/**
 * The JPA storage (Hibernate ORM) on PostgreSQL runs the ledger's state machine property, all
 * sequences on one database, with fewer sequences than on H2: each step runs some thirty
 * transactions.
 */
class JpaPostgresUsageLedgerStateProperties extends UsageLedgerStateProperties {

    private static CouponStorage shared;

    @Override
    protected synchronized CouponStorage newStorage() {
        if (shared == null) {
            shared = JpaCouponStorage.on(JpaDatabases.postgres());
        }
        return shared;
    }

    @Override
    @Property(tries = 50)   // each sequence is some 0.3 seconds here; memory and H2 run the full count
    public void required_L7_1_everySequenceKeepsTheInvariants(@ForAll("ledgerChains") ActionChain<Model> chain) {
        super.required_L7_1_everySequenceKeepsTheInvariants(chain);
    }
}
