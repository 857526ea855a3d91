package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Tampering with the audit trail on PostgreSQL is refused by the trigger, and detected when forced. */
class PostgresAuditTamperTest extends AuditTamperChecks {

    @Override
    DataSource database() {
        return Databases.postgres();
    }

    @Test
    void theTriggerRefusesUpdatesAndDeletes() throws Exception {
        DataSource ds = Databases.postgres();
        new StorageFixture(JdbcCouponStorage.on(ds)).coupon(UsageLimits.total(1));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE coupon_audit SET reason = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM coupon_audit")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("TRUNCATE coupon_audit")).hasMessageContaining("append-only");
        }
    }
}
