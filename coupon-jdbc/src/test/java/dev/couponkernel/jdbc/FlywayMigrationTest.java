package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that runs its migrations with Flyway points it at {@link Dialect#migrations()}: the scripts
 * apply on an empty database, give exactly the schema {@link SchemaInstaller} gives, and the storage
 * works on it. A later SchemaInstaller call sees the tables and does nothing; on a schema of an
 * older version it adds the versions missing.
 */
class FlywayMigrationTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2MemoryWithoutSchema),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgresWithoutSchema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void flywayAppliesTheMigrationsAndTheStorageWorksOnThem(String name, Supplier<DataSource> empty) throws SQLException {
        DataSource dataSource = empty.get();
        // tag::flyway[]
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + Dialect.of(dataSource).migrations())
                .load()
                .migrate();
        // end::flyway[]
        DataSource migrated = dataSource;
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(result.targetSchemaVersion).isEqualTo("2");

        DataSource installed = empty.get();
        assertThat(SchemaInstaller.install(installed)).isTrue();
        assertThat(columns(migrated)).isEqualTo(columns(installed)).isNotEmpty();
        assertThat(SchemaInstaller.install(migrated)).as("the installer leaves a migrated schema alone").isFalse();

        StorageFixture given = new StorageFixture(JdbcCouponStorage.on(migrated));
        CouponRecord coupon = given.coupon(UsageLimits.total(1));
        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(given.lock(coupon, "bob", "co-2", T0).isLocked()).isFalse();
        assertThat(JdbcCouponStorage.on(migrated).consistency().problems()).isEmpty();
    }

    /** A database installed at version 1 gets version 2 from the installer, and the attempt log works on it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theInstallerAddsTheMissingVersionToAnOlderSchema(String name, Supplier<DataSource> empty) throws SQLException {
        DataSource v1 = empty.get();
        Flyway.configure().dataSource(v1).locations("classpath:" + Dialect.of(v1).migrations()).target("1").load().migrate();
        DataSource full = empty.get();
        SchemaInstaller.install(full);
        assertThat(columns(v1)).isNotEqualTo(columns(full));

        assertThat(SchemaInstaller.install(v1)).isTrue();
        assertThat(columns(v1)).isEqualTo(columns(full));
        JdbcAttemptLog attempts = JdbcCouponStorage.on(v1).attempts();
        assertThat(attempts.count(dev.couponkernel.spi.fraud.AttemptQuery.where(
                dev.couponkernel.spi.fraud.AttemptField.USER, "alice", T0))).isZero();
    }

    /** Every table's columns with their types and nullability, Flyway's own history table left out. */
    private static List<String> columns(DataSource ds) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type, is_nullable"
                        + " FROM information_schema.columns WHERE LOWER(table_name) LIKE 'coupon%'"
                        + " ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return columns;
    }
}
