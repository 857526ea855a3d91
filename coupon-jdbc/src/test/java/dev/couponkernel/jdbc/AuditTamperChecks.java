package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Someone with write access to the database changes the audit trail behind the library's back; the
 * hash chain finds it and names the first entry that no longer fits. On PostgreSQL the tamperer must
 * first disable the append-only trigger (as the table's owner can).
 */
abstract class AuditTamperChecks {

    private DataSource ds;
    private JdbcCouponStorage storage;
    private CouponRecord coupon;
    private List<AuditEntry> trail;

    abstract DataSource database();

    @BeforeEach
    void history() {
        ds = database();
        storage = JdbcCouponStorage.on(ds);
        StorageFixture given = new StorageFixture(storage);
        coupon = given.coupon(UsageLimits.total(10));
        given.lock(coupon, "alice", "co-1", T0);
        given.lock(coupon, "bob", "co-2", T0);
        given.lock(coupon, "carol", "co-3", T0);
        storage.ledger().release(CheckoutId.of("co-2"), "payment failed", T0.plusSeconds(5), ACTOR);
        trail = storage.audit().byCoupon(coupon.id());
        assertThat(trail).hasSize(5);
        assertThat(storage.audit().verify(coupon.id()).isIntact()).isTrue();
    }

    @Test
    void aChangedReasonIsReportedAtItsEntry() throws SQLException {
        long target = trail.get(4).sequence();
        tamper("UPDATE coupon_audit SET reason = 'customer asked' WHERE seq = " + target);

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.isIntact()).isFalse();
        assertThat(verdict.firstBrokenSequence()).hasValue(target);
        assertThat(verdict.intactEntries()).isEqualTo(4);
        assertThat(verdict.problem()).get().asString().contains("was changed after it was written");
    }

    @Test
    void aChangedInstantIsReportedAtItsEntry() throws SQLException {
        long target = trail.get(1).sequence();
        tamper("UPDATE coupon_audit SET at = at + INTERVAL '1' HOUR WHERE seq = " + target);

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.firstBrokenSequence()).hasValue(target);
    }

    @Test
    void aChangedEntryWithItsHashRecomputedBreaksTheLinkToTheNextEntry() throws SQLException {
        AuditEntry e = trail.get(2);
        String forged = AuditChain.hash(e.previousHash(), e.couponId(), e.usageId(), e.action(), Actor.of("staff:mallory"),
                e.reason(), e.detail(), e.at());
        tamper("UPDATE coupon_audit SET actor = 'staff:mallory', hash = '" + forged + "' WHERE seq = " + e.sequence());

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.firstBrokenSequence()).hasValue(trail.get(3).sequence());
        assertThat(verdict.intactEntries()).isEqualTo(3);
    }

    @Test
    void aRemovedEntryIsReportedAtTheEntryAfterIt() throws SQLException {
        tamper("DELETE FROM coupon_audit WHERE seq = " + trail.get(2).sequence());

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.firstBrokenSequence()).hasValue(trail.get(3).sequence());
        assertThat(verdict.problem()).get().asString().contains("removed, inserted or reordered");
    }

    @Test
    void aRemovedLastEntryIsReportedAsMissing() throws SQLException {
        tamper("DELETE FROM coupon_audit WHERE seq = " + trail.get(4).sequence());

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.isIntact()).isFalse();
        assertThat(verdict.firstBrokenSequence()).isEmpty();
        assertThat(verdict.entriesChecked()).isEqualTo(4);
        assertThat(verdict.problem()).get().asString().contains("removed from its end");
    }

    @Test
    void aHeadLoweredToHideAChangedLastEntryIsReported() throws SQLException {
        // the last entry changed, and the head set back to the entry before it, hash and all: the
        // entries up to the head are intact, the changed one lies beyond it
        tamper("UPDATE coupon_audit SET reason = 'customer asked' WHERE seq = " + trail.get(4).sequence());
        tamper("UPDATE coupon_audit_head SET entries = 4, last_hash = '" + trail.get(3).hash() + "' WHERE coupon_id = '"
                + coupon.id().value() + "'");

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.isIntact()).isFalse();
        assertThat(verdict.entriesChecked()).isEqualTo(4);
        assertThat(verdict.problem()).get().asString().contains("the chain's head records 4 entries but 5 are stored");
    }

    @Test
    void aValueThatNoLongerParsesIsReportedNotThrown() throws SQLException {
        long target = trail.get(3).sequence();
        tamper("UPDATE coupon_audit SET action = 'NOTHING' WHERE seq = " + target);

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.firstBrokenSequence()).hasValue(target);
    }

    @Test
    void otherCouponsStayIntact() throws SQLException {
        CouponRecord other = new StorageFixture(storage).coupon(UsageLimits.total(1));
        tamper("UPDATE coupon_audit SET reason = 'x' WHERE seq = " + trail.get(4).sequence());

        assertThat(storage.audit().verify(other.id()).isIntact()).isTrue();
        assertThat(storage.audit().verify(coupon.id()).isIntact()).isFalse();
    }

    /** Item 13: a coupon whose whole chain and head were deleted is reported, by verify and by the consistency check. */
    @Test
    void aCouponWithoutAnyAuditEntryIsReported() throws SQLException {
        CouponRecord quiet = new StorageFixture(storage).coupon(UsageLimits.total(1));
        assertThat(storage.audit().verify(quiet.id()).isIntact()).isTrue();
        tamper("DELETE FROM coupon_audit WHERE coupon_id = '" + quiet.id() + "'");
        tamper("DELETE FROM coupon_audit_head WHERE coupon_id = '" + quiet.id() + "'");

        AuditVerification verdict = storage.audit().verify(quiet.id());

        assertThat(verdict.isIntact()).isFalse();
        assertThat(verdict.problem()).get().asString().contains("is stored but has no audit entry");
        assertThat(storage.consistency().problems()).anySatisfy(p -> assertThat(p).contains(quiet.id().value())
                .contains("has 1 events but no audit entries"));
        assertThat(storage.consistency().problems()).anySatisfy(p -> assertThat(p).contains("audit chain of coupon " + quiet.id()));
    }

    /** Item 13: a chain whose first entries (from the creation on) were deleted, with the head rewritten to match, is reported. */
    @Test
    void aChainThatDoesNotStartWithTheCreationIsReported() throws SQLException {
        tamper("DELETE FROM coupon_audit WHERE seq = " + trail.get(0).sequence());
        tamper("UPDATE coupon_audit SET prev_hash = '" + AuditChain.GENESIS + "' WHERE seq = " + trail.get(1).sequence());

        AuditVerification verdict = storage.audit().verify(coupon.id());

        assertThat(verdict.isIntact()).isFalse();
    }

    /** Item 14: a pending event whose payload was changed is not published; the untouched ones before it are. */
    @Test
    void theRelayRefusesAnEventWhosePayloadNoLongerMatchesItsAuditEntry() throws SQLException {
        StorageFixture given = new StorageFixture(storage);
        given.lock(coupon, "dave", "co-4", T0.plusSeconds(10));
        storage.ledger().redeem(CheckoutId.of("co-4"), dev.couponkernel.spi.value.OrderId.of("order-4"), T0.plusSeconds(20), ACTOR);
        List<dev.couponkernel.spi.event.EventEnvelope> published = new java.util.ArrayList<>();
        tamper("UPDATE coupon_outbox SET payload = REPLACE(payload, 'order-4', 'order-evil') WHERE event_type = 'CouponRedeemed'");

        dev.couponkernel.spi.store.RelayResult result = storage.outbox().relay(published::add, 1000);

        assertThat(result.failure()).get().satisfies(f -> assertThat(f.getMessage())
                .contains("does not match audit entry").contains("not published"));
        assertThat(published).extracting(e -> e.event().getClass().getSimpleName())
                .doesNotContain("CouponRedeemed").contains("CouponApplied");
        assertThat(published).noneMatch(e -> e.event().toString().contains("order-evil"));
        assertThat(storage.outbox().pending(100)).extracting(e -> e.event().getClass().getSimpleName())
                .contains("CouponRedeemed");
        // put back, it goes out
        tamper("UPDATE coupon_outbox SET payload = REPLACE(payload, 'order-evil', 'order-4') WHERE event_type = 'CouponRedeemed'");
        assertThat(storage.outbox().relay(published::add, 1000).failure()).isEmpty();
        assertThat(published).anySatisfy(e -> assertThat(e.event().toString()).contains("order-4"));
    }

    /** Item 14: a usage row whose order or customer was changed no longer matches its audit entries: the consistency check says so. */
    @Test
    void aChangedUsageOrderOrCustomerIsReportedByTheConsistencyCheck() throws SQLException {
        StorageFixture given = new StorageFixture(storage);
        given.lock(coupon, "dave", "co-4", T0.plusSeconds(10));
        storage.ledger().redeem(CheckoutId.of("co-4"), dev.couponkernel.spi.value.OrderId.of("order-4"), T0.plusSeconds(20), ACTOR);
        assertThat(storage.consistency().problems()).isEmpty();

        tamper("UPDATE coupon_usage SET order_id = 'order-evil' WHERE checkout_id = 'co-4'");
        tamper("UPDATE coupon_usage SET user_id = 'mallory' WHERE checkout_id = 'co-1'");

        assertThat(storage.consistency().problems())
                .anySatisfy(p -> assertThat(p).contains("says order order-evil but its audit entry says 'checkout=co-4 order=order-4'"))
                .anySatisfy(p -> assertThat(p).contains("says customer mallory"));
    }

    /** Item 10: a coupon whose ledger holds other limits than its definition (or none) is reported. */
    @Test
    void aCouponWhoseLedgerMissesItsLimitsIsReported() throws SQLException {
        assertThat(storage.consistency().problems()).isEmpty();
        tamper("UPDATE coupon_counter SET max_total_uses = NULL WHERE coupon_id = '" + coupon.id() + "'");

        assertThat(storage.consistency().problems()).anySatisfy(p -> assertThat(p).contains(coupon.id().value())
                .contains("defines limits 10 total").contains("but the ledger holds null"));
    }

    /** A trail longer than a page ({@code AuditTrail.MAX_PAGE}) is verified page by page, each page's links checked across its edge. */
    @Test
    void aTrailLongerThanAPageIsVerifiedAcrossItsPages() throws SQLException {
        int locks = dev.couponkernel.spi.store.AuditTrail.MAX_PAGE + 150;
        CouponRecord busy = couponWithLocks(locks);
        AuditVerification whole = storage.audit().verify(busy.id());
        assertThat(whole.isIntact()).as(whole.toString()).isTrue();
        assertThat(whole.entriesChecked()).isEqualTo(locks + 1);

        // the first entry of the second page, which links to the last of the first
        AuditEntry edge = storage.audit().page(busy.id(), dev.couponkernel.spi.store.AuditTrail.MAX_PAGE, 1).get(0);
        tamper("DELETE FROM coupon_audit WHERE seq = " + storage.audit()
                .page(busy.id(), dev.couponkernel.spi.store.AuditTrail.MAX_PAGE - 1, 1).get(0).sequence());
        AuditVerification gap = storage.audit().verify(busy.id());
        assertThat(gap.isIntact()).isFalse();
        assertThat(gap.firstBrokenSequence()).hasValue(edge.sequence());
        assertThat(gap.problem()).get().asString().contains("removed, inserted or reordered");
    }

    /** The last entry of a long trail removed is found against the head. */
    @Test
    void aLongTrailMissingItsLastEntryIsReported() throws SQLException {
        int locks = dev.couponkernel.spi.store.AuditTrail.MAX_PAGE + 10;
        CouponRecord busy = couponWithLocks(locks);
        AuditEntry last = storage.audit().page(busy.id(), locks, 1).get(0);
        tamper("DELETE FROM coupon_audit WHERE seq = " + last.sequence());

        AuditVerification verdict = storage.audit().verify(busy.id());
        assertThat(verdict.isIntact()).isFalse();
        assertThat(verdict.entriesChecked()).isEqualTo(locks);
        assertThat(verdict.problem()).get().asString().contains("removed from its end");
    }

    /** A coupon whose trail holds its creation and the given number of locks. */
    private CouponRecord couponWithLocks(int locks) {
        StorageFixture given = new StorageFixture(storage);
        CouponRecord busy = given.coupon(UsageLimits.total(5_000));
        for (int i = 0; i < locks; i++) {
            given.lock(busy, "u" + i, "busy-" + i, T0);
        }
        return busy;
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            if (postgres) {
                s.execute("ALTER TABLE coupon_audit DISABLE TRIGGER coupon_audit_no_change");
            }
            s.execute(sql);
            if (postgres) {
                s.execute("ALTER TABLE coupon_audit ENABLE TRIGGER coupon_audit_no_change");
            }
        }
    }
}
