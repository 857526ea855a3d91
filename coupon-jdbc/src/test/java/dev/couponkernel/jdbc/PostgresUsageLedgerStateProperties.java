package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerStateProperties;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.state.ActionChain;

/**
 * The JDBC storage on Postgres runs the ledger's state machine property, all sequences on one database,
 * with fewer sequences than in memory: each step runs some thirty transactions.
 */
// tag::state-properties[]
class PostgresUsageLedgerStateProperties extends UsageLedgerStateProperties {

    private static CouponStorage shared;

    @Override
    protected synchronized CouponStorage newStorage() {
        if (shared == null) {
            shared = Databases.storage(Databases.postgres());
        }
        return shared;
    }

    @Override
    @Property(tries = 50)   // each sequence is some 0.3 seconds here; memory and H2 run the full count
    public void required_L7_1_everySequenceKeepsTheInvariants(@ForAll("ledgerChains") ActionChain<Model> chain) {
        super.required_L7_1_everySequenceKeepsTheInvariants(chain);
    }
}
// end::state-properties[]
