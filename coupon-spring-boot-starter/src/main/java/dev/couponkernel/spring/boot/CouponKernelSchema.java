package dev.couponkernel.spring.boot;

import dev.couponkernel.jdbc.Dialect;
import dev.couponkernel.jdbc.SchemaInstaller;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's tables, made current at start-up as {@code couponkernel.schema.mode} says: by
 * Flyway, with the kernel's own history table ({@code couponkernel.schema.table}) so the host's
 * migrations keep their version sequence; by {@code SchemaInstaller}; or not at all. Flyway takes a
 * lock on its history table, so instances starting together migrate once. Immutable.
 */
public final class CouponKernelSchema {

    private static final Logger LOG = LoggerFactory.getLogger(CouponKernelSchema.class);

    private final CouponKernelProperties.SchemaMode mode;
    private final String version;

    private CouponKernelSchema(CouponKernelProperties.SchemaMode mode, String version) {
        this.mode = mode;
        this.version = version;
    }

    static CouponKernelSchema install(DataSource dataSource, CouponKernelProperties.Schema settings) {
        CouponKernelProperties.SchemaMode mode = settings.getMode();
        switch (mode) {
            case FLYWAY: {
                MigrateResult result = Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:" + Dialect.of(dataSource).migrations())
                        .table(settings.getTable())
                        .baselineOnMigrate(false)
                        .load()
                        .migrate();
                LOG.info("coupon kernel schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
                        result.migrationsExecuted);
                return new CouponKernelSchema(mode, result.targetSchemaVersion);
            }
            case INSTALLER: {
                boolean changed = SchemaInstaller.install(dataSource);
                LOG.info("coupon kernel schema {}", changed ? "installed or upgraded" : "already current");
                return new CouponKernelSchema(mode, null);
            }
            case NONE:
                return new CouponKernelSchema(mode, null);
        }
        throw new IllegalStateException("unknown schema mode " + mode);
    }

    /** @return how the schema was made current */
    public CouponKernelProperties.SchemaMode mode() {
        return mode;
    }

    /** @return the version Flyway reports after migrating (null when a migration was current already or Flyway did not run) */
    public String flywayVersion() {
        return version;
    }
}
