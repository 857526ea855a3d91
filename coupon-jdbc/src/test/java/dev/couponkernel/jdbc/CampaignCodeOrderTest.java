package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 9 on a version-8 database holding a campaign whose codes are locked, redeemed and
 * voided, by Flyway and by the installer, on H2 and PostgreSQL: every code keeps its counts and times,
 * the export gives each once and a batch added after the upgrade after them in its own order, the
 * foreign key to {@code coupon} is gone, a campaign's codes are indexed in the order added, and the
 * consistency check is clean. The version-8 rows are written by the storage itself, whose writes of
 * codes name no column version 9 adds.
 */
class CampaignCodeOrderTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Actor ACTOR = Actor.of("test:upgrade");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.couponkernel.jdbc.Databases#upgradePaths")
    void version9KeepsTheCodesAndExportsThemInTheOrderAdded(String name, Supplier<DataSource> empty, boolean byFlyway)
            throws SQLException {
        DataSource db = empty.get();
        Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations()).target("8").load().migrate();
        assertThat(foreignKeys(db)).as("version 8 ties a code to its coupon").isNotEmpty();
        JdbcCouponStorage old = JdbcCouponStorage.on(db);
        StorageFixture given = new StorageFixture(old);
        CouponRecord campaign = given.campaign(UsageLimits.unlimited().withPerCode(1));
        given.addCodes(campaign, "v8-" + campaign.id().value(), "OLD-3", "OLD-1", "OLD-2");
        assertThat(given.lockCode(campaign, "OLD-1", "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(given.lockCode(campaign, "OLD-2", "bob", "co-2", T0).isLocked()).isTrue();
        old.ledger().redeem(CheckoutId.of("co-2"), OrderId.of("order-2"), T0.plusSeconds(1), ACTOR);
        old.codes().voidCode(dev.couponkernel.spi.value.CouponCode.parse("OLD-3"), "leaked", T0.plusSeconds(2), ACTOR);
        List<CodeRecord> before = new ArrayList<>();
        for (String code : List.of("OLD-1", "OLD-2", "OLD-3")) {
            before.add(old.codes().find(dev.couponkernel.spi.value.CouponCode.parse(code)).orElseThrow());
        }

        if (byFlyway) {
            assertThat(Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations()).load().migrate()
                    .migrationsExecuted).as("versions 9 and 10").isEqualTo(2);
        } else {
            assertThat(SchemaInstaller.install(db)).isTrue();
        }

        assertThat(SchemaInstaller.install(db)).as("version 9 is recognised as installed").isFalse();
        assertThat(foreignKeys(db)).as("no foreign key checks each code's coupon").isEmpty();
        JdbcCouponStorage storage = JdbcCouponStorage.on(db);
        given = new StorageFixture(storage);
        given.addCodes(campaign, "v9-" + campaign.id().value(), "NEW-9", "NEW-1");
        List<CodeRecord> exported = new ArrayList<>();
        storage.codes().export(campaign.id(), exported::add);
        assertThat(exported.subList(0, 3)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(exported.subList(3, 5)).extracting(r -> r.code().value()).containsExactly("NEW-9", "NEW-1");
        assertThat(storage.codes().count(campaign.id())).isEqualTo(5);
        assertThat(given.lockCode(campaign, "OLD-1", "carol", "co-3", T0).isLocked()).as("used up before").isFalse();
        assertThat(given.lockCode(campaign, "NEW-1", "carol", "co-4", T0).isLocked()).isTrue();
        assertThat(storage.consistency().problems()).isEmpty();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(seq), MIN(seq) FROM coupon_code")) {
            rs.next();
            assertThat(rs.getLong(2)).as("every row numbered").isEqualTo(rs.getLong(1));
            assertThat(rs.getLong(3)).isPositive();
        }
    }

    private static List<String> foreignKeys(DataSource db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.getMetaData().getImportedKeys(null, null,
                Dialect.of(db) == Dialect.POSTGRESQL ? "coupon_code" : "COUPON_CODE")) {
            while (rs.next()) {
                names.add(rs.getString("FK_NAME"));
            }
        }
        return names;
    }
}
