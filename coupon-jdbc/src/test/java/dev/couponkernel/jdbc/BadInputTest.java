package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.jdbc.internal.SizeLimits;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input on the JDBC storage: text is stored verbatim, oversized definitions are refused before the database. */
class BadInputTest {

    static final String SQL_TEXT = "o'brien\"; DROP TABLE coupon; -- \\ % _ \u00e9\u65e5\ud83d\ude00";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void sqlSignificantCharactersAreStoredVerbatim(String database) {
        DataSource ds = database.equals("h2") ? Databases.h2Memory() : Databases.postgres();
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.total(5));

        UsageRecord usage = given.lock(coupon, SQL_TEXT, SQL_TEXT + "checkout", T0).usage().orElseThrow();
        storage.ledger().release(CheckoutId.of(SQL_TEXT + "checkout"), SQL_TEXT, T0.plusSeconds(1), ACTOR);

        UsageRecord read = storage.ledger().usagesOf(CheckoutId.of(SQL_TEXT + "checkout")).get(0);
        assertThat(read.userId().value()).isEqualTo(SQL_TEXT);
        assertThat(read.releaseReason()).isEqualTo(SQL_TEXT);
        assertThat(read.id()).isEqualTo(usage.id());
        List<AuditEntry> trail = storage.audit().byUsage(usage.id());
        assertThat(trail.get(1).reason()).isEqualTo(SQL_TEXT);
        assertThat(trail.get(0).detail()).contains(SQL_TEXT);
        assertThat(storage.audit().verify(coupon.id()).isIntact()).isTrue();
        assertThat(storage.consistency().problems()).isEmpty();
    }

    @Test
    void anOversizedDefinitionIsRefusedBeforeTheDatabaseIsTouched() throws SQLException {
        DataSource ds = Databases.h2Memory();
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        Sku[] skus = IntStream.range(0, 30_000).mapToObj(i -> Sku.of("SKU-" + i + "-XXXX")).toArray(Sku[]::new);
        CouponDefinition huge = CouponDefinition.builder("HUGE").percentOff(10)
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingSkus(skus))).build();
        CouponRecord record = new CouponRecord(CouponId.of("huge"), huge, CouponStatus.ACTIVE, 0, T0, T0);
        List<Long> before = rowCounts(ds);

        assertThatThrownBy(() -> storage.coupons().save(record, new CouponCreated(record.id(), huge.code(), T0, ACTOR)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("definition: coupon HUGE encodes to 499343 characters")
                .hasMessageContaining("more than the " + SizeLimits.MAX_DEFINITION_CHARS);

        assertThat(rowCounts(ds)).isEqualTo(before);
    }

    @Test
    void aDefinitionJustUnderTheLimitIsStored() {
        JdbcCouponStorage storage = JdbcCouponStorage.on(Databases.h2Memory());
        Sku[] skus = IntStream.range(0, 12_000).mapToObj(i -> Sku.of("SKU-" + i)).toArray(Sku[]::new);
        CouponDefinition large = CouponDefinition.builder("LARGE").percentOff(10)
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingSkus(skus))).build();
        CouponRecord record = new CouponRecord(CouponId.of("large"), large, CouponStatus.ACTIVE, 0, T0, T0);

        storage.coupons().save(record, new CouponCreated(record.id(), large.code(), T0, ACTOR));

        assertThat(storage.coupons().findById(record.id())).get().extracting(CouponRecord::definition).isEqualTo(large);
    }

    private static List<Long> rowCounts(DataSource ds) throws SQLException {
        List<Long> counts = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("coupon", "coupon_counter", "coupon_audit", "coupon_audit_head", "coupon_outbox",
                    "coupon_active_code", "coupon_seller")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.add(rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
