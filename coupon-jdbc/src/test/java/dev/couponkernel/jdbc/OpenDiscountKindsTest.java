package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.jdbc.internal.OpenDiscountKinds;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 5 (and the versions after it) on a version-4 database holding a coupon, by Flyway and
 * by the installer, on H2 and PostgreSQL: the check that fixed the discount kinds to three is gone (a new kind needs no
 * migration), names are checked by the named constraint instead (upper case, up to 64 characters),
 * and the rows and the storage work as before.
 */
class OpenDiscountKindsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    static Stream<Arguments> upgrades() {
        Consumer<DataSource> flyway = ds -> Flyway.configure().dataSource(ds)
                .locations("classpath:" + Dialect.of(ds).migrations()).load().migrate();
        Consumer<DataSource> installer = SchemaInstaller::install;
        return Stream.of(
                Arguments.of("H2, Flyway", (Supplier<DataSource>) Databases::h2MemoryWithoutSchema, flyway),
                Arguments.of("H2, installer", (Supplier<DataSource>) Databases::h2MemoryWithoutSchema, installer),
                Arguments.of("PostgreSQL, Flyway", (Supplier<DataSource>) Databases::postgresWithoutSchema, flyway),
                Arguments.of("PostgreSQL, installer", (Supplier<DataSource>) Databases::postgresWithoutSchema, installer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upgrades")
    void version5OpensTheDiscountKindsAndKeepsTheRows(String name, Supplier<DataSource> empty, Consumer<DataSource> upgrade)
            throws SQLException {
        // the rows, as the storage writes them, copied into a version-4 database
        DataSource current = empty.get();
        SchemaInstaller.install(current);
        CouponRecord coupon = new StorageFixture(JdbcCouponStorage.on(current)).coupon(UsageLimits.total(5));
        DataSource ds = empty.get();
        Flyway.configure().dataSource(ds).locations("classpath:" + Dialect.of(ds).migrations()).target("4").load().migrate();
        ReinstatedUsagesTest.copy(current, ds);
        String id = coupon.id().value();
        assertThatThrownBy(() -> setKind(ds, id, "TIERED")).as("version 4 knows three kinds").isInstanceOf(SQLException.class);

        upgrade.accept(ds);

        setKind(ds, id, "TIERED");
        setKind(ds, id, "HOST_" + "X".repeat(59));   // 64 characters
        assertThatThrownBy(() -> setKind(ds, id, "tiered")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains(OpenDiscountKinds.CONSTRAINT));
        assertThatThrownBy(() -> setKind(ds, id, "")).isInstanceOf(SQLException.class);
        setKind(ds, id, coupon.definition().discount().type().name());

        assertThat(SchemaInstaller.install(ds)).as("version 5 is recognised as installed").isFalse();
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        assertThat(storage.coupons().findById(coupon.id())).contains(storage.coupons().findById(coupon.id()).orElseThrow());
        assertThat(new StorageFixture(storage).lock(coupon, "bob", "co-2", T0).isLocked()).isTrue();
        assertThat(storage.ledger().usagesOf(dev.couponkernel.spi.value.CheckoutId.of("co-2"))).hasSize(1);
        assertThat(storage.consistency().problems()).isEmpty();
    }

    private static void setKind(DataSource ds, String couponId, String kind) throws SQLException {
        try (Connection c = ds.getConnection(); var ps = c.prepareStatement("UPDATE coupon SET discount_type = ? WHERE id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, couponId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

}
