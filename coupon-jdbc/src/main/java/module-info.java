/**
 * Coupon Kernel JDBC storage: coupons, usage ledger, audit trail and outbox on H2 and PostgreSQL.
 * Depends on the SPI, java.sql and Jackson's streaming core (the stored JSON); storage knows nothing of
 * pricing rules. Flyway is optional: with it, the Java migration of version 4 runs beside the scripts.
 */
module dev.couponkernel.jdbc {
    requires transitive dev.couponkernel.spi;
    requires transitive java.sql;
    requires com.fasterxml.jackson.core;
    requires com.github.benmanes.caffeine;
    requires static flyway.core;

    exports dev.couponkernel.jdbc;
    // the shared text formats and SQL helpers, for the JPA storage that writes the same tables
    exports dev.couponkernel.jdbc.internal to dev.couponkernel.jpa;

    // the versioned scripts and Java migrations, which Flyway reads and instantiates
    opens db.couponkernel.h2;
    opens db.couponkernel.postgresql;
}
