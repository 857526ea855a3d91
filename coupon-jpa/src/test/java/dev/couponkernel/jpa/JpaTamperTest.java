package dev.couponkernel.jpa;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RelayResult;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JPA storage's relay refuses an event whose payload no longer matches its audit entry, and its
 * verification reports a coupon whose chain was removed and a head lowered to hide a changed last
 * entry, on H2 and PostgreSQL (as coupon-jdbc's).
 */
class JpaTamperTest {

    private static void tamper(DataSource ds, String sql) throws Exception {
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void aChangedPayloadIsNotPublishedAndARemovedChainIsReported(String kind) throws Exception {
        Supplier<jakarta.persistence.EntityManagerFactory> factory = JpaDatabases.kind(kind);
        JpaCouponStorage storage = JpaCouponStorage.on(factory.get());
        DataSource ds = kind.equals("h2") ? JpaDatabases.h2Database() : JpaDatabases.postgresDatabase();
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.total(10));
        given.lock(coupon, "dave", "co-4", T0.plusSeconds(10));
        storage.ledger().redeem(CheckoutId.of("co-4"), OrderId.of("order-4"), T0.plusSeconds(20), ACTOR);
        tamper(ds, "UPDATE coupon_outbox SET payload = REPLACE(payload, 'order-4', 'order-evil') WHERE event_type = 'CouponRedeemed'");

        List<EventEnvelope> published = new ArrayList<>();
        RelayResult result = storage.outbox().relay(published::add, 100);

        assertThat(result.failure()).get().satisfies(f -> assertThat(f.getMessage()).contains("does not match audit entry"));
        assertThat(published).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("CouponCreated", "CouponApplied");
        tamper(ds, "UPDATE coupon_outbox SET payload = REPLACE(payload, 'order-evil', 'order-4') WHERE event_type = 'CouponRedeemed'");
        assertThat(storage.outbox().relay(published::add, 100).failure()).isEmpty();
        assertThat(published).hasSize(3);

        CouponRecord quiet = given.coupon(UsageLimits.total(1));
        tamper(ds, "DELETE FROM coupon_audit WHERE coupon_id = '" + quiet.id() + "'");
        tamper(ds, "DELETE FROM coupon_audit_head WHERE coupon_id = '" + quiet.id() + "'");
        assertThat(storage.audit().verify(CouponId.of(quiet.id().value())).isIntact()).isFalse();
        assertThat(storage.audit().verify(coupon.id()).isIntact()).isTrue();

        // the last entry changed and the head set back to the entry before it: reported, not hidden
        List<AuditEntry> trail = storage.audit().byCoupon(coupon.id());
        int n = trail.size();
        tamper(ds, "UPDATE coupon_audit SET reason = 'customer asked' WHERE seq = " + trail.get(n - 1).sequence());
        tamper(ds, "UPDATE coupon_audit_head SET entries = " + (n - 1) + ", last_hash = '" + trail.get(n - 2).hash()
                + "' WHERE coupon_id = '" + coupon.id().value() + "'");
        AuditVerification lowered = storage.audit().verify(coupon.id());
        assertThat(lowered.isIntact()).isFalse();
        assertThat(lowered.problem()).get().asString()
                .contains("the chain's head records " + (n - 1) + " entries but " + n + " are stored");
    }
}
