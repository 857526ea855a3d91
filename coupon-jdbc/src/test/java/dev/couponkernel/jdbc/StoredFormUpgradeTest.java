package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.Sku;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 4 rewrites the rows versions 1 to 3 stored as {@code key=value} text as JSON, by
 * Flyway (its Java migration beside the scripts) and by the installer: each definition, event and
 * set of fraud signals reads back as what it was, a database administrator can query the JSON, the
 * database refuses a definition that is not a JSON object from then on, and a row the old form cannot
 * read stops the upgrade with its key and changes nothing. The old texts below are verbatim what the
 * library before version 4 wrote.
 */
class StoredFormUpgradeTest {

    private static final Actor STAFF = Actor.of("staff:test");

    private static final String OLD10 = "code=OLD10\ndiscount.type=PERCENT\ndiscount.percent=1000\ndiscount.amounts=\n"
            + "stacking.class=ORDER\nstacking.exclusive=false\nstacking.combinesWith=ORDER,PRODUCT,SHIPPING\nstacking.priority=0\n"
            + "scope.sellers=\nscope.includedSkus=\nscope.includedCategories=\nscope.excludedSkus=\nscope.excludedCategories=\n"
            + "eligibility.minOrderAmount=\neligibility.minQuantity=0\neligibility.firstOrderOnly=false\neligibility.segments=\n"
            + "eligibility.channels=\nvalidity.from=2026-01-01T00:00:00Z\nlimits.total=5\nlimits.perUser=1\n";

    private static final String BOOTS5 = "code=BOOTS5\ndiscount.type=FIXED\ndiscount.amounts=5.00 EUR,700 JPY\n"
            + "stacking.class=PRODUCT\nstacking.exclusive=true\nstacking.combinesWith=\nstacking.priority=7\nscope.sellers=acme\n"
            + "scope.includedSkus=\nscope.includedCategories=boots,shoes\nscope.excludedSkus=B-1\nscope.excludedCategories=\n"
            + "eligibility.minOrderAmount=30.00 EUR,4000 JPY\neligibility.minQuantity=2\neligibility.firstOrderOnly=true\n"
            + "eligibility.segments=vip\neligibility.channels=web\nvalidity.from=2026-01-01T00:00:00Z\n"
            + "validity.until=2026-01-02T00:00:00Z\n";

    private static final String CREATED = "couponId=c-old\ncode=OLD10\noccurredAt=2026-01-01T00:00:00Z\nactor=staff:test\n";

    private static final String RELEASED = "couponId=c-old\ncode=OLD10\noccurredAt=2026-01-01T00:00:00Z\nactor=staff:test\n"
            + "usageId=u-1\nuserId=alice\ncheckoutId=co-1\nreason=cart, abandoned \\\\ after 15=min\n";

    private static final String SIGNALS = "signals=2\nsignal.0.name=velocity.device\nsignal.0.score=55\n"
            + "signal.0.evidence=21 attempts, within 1m\nsignal.1.name=code-enumeration.ip\nsignal.1.score=10\n"
            + "signal.1.evidence=x=y\n";

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2MemoryWithoutSchema),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgresWithoutSchema));
    }

    private static CouponDefinition old10() {
        return CouponDefinition.builder("OLD10").percentOff(10).validity(ValidityPeriod.startingAt(T0))
                .limits(UsageLimits.of(5, 1)).build();
    }

    private static CouponDefinition boots5() {
        return CouponDefinition.builder("BOOTS5").amountOff(Money.of("5.00", "EUR"), Money.of("700", "JPY"))
                .eligibility(new EligibilityRules(new ProductScope(Set.of(SellerId.of("acme")), Set.of(),
                        Set.of(Category.of("shoes"), Category.of("boots")), Set.of(Sku.of("B-1")), Set.of()),
                        CurrencyAmounts.of("min", Money.of("30.00", "EUR"), Money.of("4000", "JPY")), 2, true,
                        Set.of(Segment.of("vip")), Set.of(Channel.of("web"))))
                .stacking(StackingRule.exclusive(StackingClass.PRODUCT, 7))
                .validity(ValidityPeriod.between(T0, T0.plusSeconds(86_400))).build();
    }

    private static List<CouponEvent> events() {
        CouponId id = CouponId.of("c-old");
        CouponCode code = CouponCode.parse("OLD10");
        return List.of(new CouponCreated(id, code, T0, STAFF), new CouponReleased(id, code, T0, STAFF, UsageId.of("u-1"),
                UserId.of("alice"), CheckoutId.of("co-1"), "cart, abandoned \\ after 15=min"));
    }

    private static List<FraudSignal> signals() {
        return List.of(FraudSignal.of("velocity.device", 55, "21 attempts, within 1m"),
                FraudSignal.of("code-enumeration.ip", 10, "x=y"));
    }

    /** A database at version 3, holding what version 3 wrote. */
    private static DataSource versionThreeWithRows(Supplier<DataSource> empty) throws SQLException {
        DataSource db = empty.get();
        Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations()).target("3").load().migrate();
        String at = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(coupon("c-old", "OLD10", "PERCENT", OLD10, at));
            s.execute(coupon("c-boots", "BOOTS5", "FIXED", BOOTS5, at));
            s.execute("INSERT INTO coupon_outbox (event_id, event_type, coupon_id, partition_no, recorded_at, payload) VALUES"
                    + " ('ev-1', 'CouponCreated', 'c-old', 0, " + at + ", " + quoted(CREATED) + ")");
            s.execute("INSERT INTO coupon_outbox (event_id, event_type, coupon_id, partition_no, recorded_at, payload) VALUES"
                    + " ('ev-2', 'CouponReleased', 'c-old', 0, " + at + ", " + quoted(RELEASED) + ")");
            s.execute("INSERT INTO coupon_attempt (at, kind, code_typed, user_id, account_created_at, cart_value, outcome,"
                    + " score, decision, signals) VALUES (" + at + ", 'APPLY', 'OLD10', 'alice', " + at + ", '10.00 EUR',"
                    + " 'ACCEPTED', 55, 'ALLOW', " + quoted(SIGNALS) + ")");
        }
        return db;
    }

    private static String coupon(String id, String code, String type, String definition, String at) {
        return "INSERT INTO coupon (id, code, status, discount_type, valid_from, valid_until, max_total_uses,"
                + " max_uses_per_user, definition, version, created_at, updated_at) VALUES ('" + id + "', '" + code
                + "', 'ACTIVE', '" + type + "', " + at + ", NULL, NULL, NULL, " + quoted(definition) + ", 1, " + at + ", " + at + ")";
    }

    /** A string literal; the old texts hold newlines and backslashes, which both databases keep verbatim in a plain literal. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void flywayAndTheInstallerRewriteTheOldRowsAsJsonThatReadsBackUnchanged(String name, Supplier<DataSource> empty)
            throws SQLException {
        for (boolean byFlyway : new boolean[] {true, false}) {
            DataSource db = versionThreeWithRows(empty);
            if (byFlyway) {
                MigrateResult upgrade = Flyway.configure().dataSource(db).locations("classpath:" + Dialect.of(db).migrations())
                        .load().migrate();
                assertThat(upgrade.migrationsExecuted).as("versions 4 to 10").isEqualTo(7);
                assertThat(upgrade.targetSchemaVersion).isEqualTo("10");
            } else {
                assertThat(SchemaInstaller.install(db)).isTrue();
            }
            assertThat(SchemaInstaller.install(db)).as("versions 4 to 8 are recognised as installed").isFalse();

            JdbcCouponStorage storage = JdbcCouponStorage.on(db);
            assertThat(storage.coupons().findById(CouponId.of("c-old")).orElseThrow().definition()).isEqualTo(old10());
            assertThat(storage.coupons().findById(CouponId.of("c-boots")).orElseThrow().definition()).isEqualTo(boots5());
            List<EventEnvelope> relayed = new ArrayList<>();
            assertThat(storage.outbox().relay(relayed::add, 100).failure()).isEmpty();
            assertThat(relayed).extracting(EventEnvelope::event).containsExactlyElementsOf(events());

            assertThat(texts(db, "SELECT definition FROM coupon ORDER BY id"))
                    .containsExactly(Codecs.encode(boots5()), Codecs.encode(old10()));
            assertThat(texts(db, "SELECT payload FROM coupon_outbox ORDER BY seq"))
                    .containsExactlyElementsOf(events().stream().map(Codecs::encode).toList());
            assertThat(texts(db, "SELECT signals FROM coupon_attempt")).containsExactly(Codecs.encodeSignals(signals()));
            assertThat(Codecs.decodeSignals(texts(db, "SELECT signals FROM coupon_attempt").get(0))).isEqualTo(signals());
            if (name.equals("PostgreSQL")) {
                assertThat(texts(db, "SELECT definition::jsonb -> 'discount' ->> 'type' FROM coupon ORDER BY id"))
                        .as("what a database administrator queries").containsExactly("FIXED", "PERCENT");
                assertThat(texts(db, "SELECT payload::jsonb ->> 'reason' FROM coupon_outbox WHERE event_type = 'CouponReleased'"))
                        .containsExactly("cart, abandoned \\ after 15=min");
            }

            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                String at = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
                assertThatThrownBy(() -> s.execute(coupon("c-text", "TEXT1", "PERCENT", OLD10.replace("OLD10", "TEXT1"), at)))
                        .as("a definition that is not a JSON object is refused").isInstanceOf(SQLException.class);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRowTheOldFormCannotReadStopsTheUpgradeAndChangesNothing(String name, Supplier<DataSource> empty) throws SQLException {
        DataSource db = versionThreeWithRows(empty);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(coupon("c-bad", "BAD1", "PERCENT", OLD10.replace("discount.type=PERCENT", "discount.type=BOGO")
                    .replace("OLD10", "BAD1"), "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'"));
        }
        assertThatThrownBy(() -> SchemaInstaller.install(db)).isInstanceOf(StorageException.class)
                .hasMessageContaining("coupon c-bad").hasMessageContaining("BOGO");
        assertThat(texts(db, "SELECT definition FROM coupon WHERE id = 'c-old'")).containsExactly(OLD10);
        assertThat(texts(db, "SELECT payload FROM coupon_outbox ORDER BY seq")).containsExactly(CREATED, RELEASED);
    }

    private static List<String> texts(DataSource db, String sql) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
        }
        return texts;
    }
}
