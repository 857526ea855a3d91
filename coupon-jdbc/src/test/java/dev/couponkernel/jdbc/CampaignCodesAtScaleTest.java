package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeSource;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A campaign of 100,000 codes on each database: stored in one batch taken in chunks (the source
 * reports which it gave), exported in the order added, every code once; a code is looked up by the
 * primary key of the one namespace of typed codes (the plan of the lookup says so on PostgreSQL).
 */
class CampaignCodesAtScaleTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2Memory),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHundredThousandCodesAreStoredAndExportedInOrder(String name, Supplier<DataSource> db) throws SQLException {
        DataSource ds = db.get();
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        StorageFixture given = new StorageFixture(storage);
        CouponRecord campaign = given.campaign(UsageLimits.unlimited().withPerCode(1));
        String prefix = "S" + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT) + "-";
        int[] given100k = {0};
        CodeBatch batch = storage.codes().addCodes(campaign.id(), "scale-" + campaign.id().value(), new CodeSource() {
            @Override
            public Optional<CouponCode> next() {
                return given100k[0] < 100_000 ? Optional.of(CouponCode.parse(prefix + given100k[0]++)) : Optional.empty();
            }

            @Override
            public void taken(CouponCode code) {
                throw new AssertionError("no code of this run is stored: " + code);
            }
        }, T0, ACTOR);
        assertThat(batch.added()).isEqualTo(100_000);

        long[] n = {0};
        List<String> disorder = new ArrayList<>();
        long exported = storage.codes().export(campaign.id(), r -> {
            // in the order added: the source's
            if (!r.code().value().equals(prefix + n[0])) {
                disorder.add(n[0] + ": " + r.code().value());
            }
            n[0]++;
        });
        assertThat(exported).isEqualTo(100_000).isEqualTo(n[0]);
        assertThat(disorder).isEmpty();
        assertThat(storage.codes().count(campaign.id())).isEqualTo(100_000);
        assertThat(given.lockCode(campaign, prefix + 77_777, "alice", "co-" + prefix, T0).isLocked()).isTrue();

        if (Dialect.of(ds) == Dialect.POSTGRESQL) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ANALYZE coupon_code");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN SELECT k.id FROM coupon_code t JOIN coupon k ON k.id = t.coupon_id"
                        + " WHERE t.code = '" + prefix + "5'")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as("the lookup of a code").contains("Index Scan using coupon_code_pkey")
                        .doesNotContain("Seq Scan on coupon_code");
            }
        }
    }
}
