/**
 * Coupon Kernel JDBC storage: coupons, usage ledger, audit trail and outbox on H2 and PostgreSQL.
 * Depends on the SPI and java.sql only; storage knows nothing of pricing rules.
 */
module dev.couponkernel.jdbc {
    requires transitive dev.couponkernel.spi;
    requires transitive java.sql;

    exports dev.couponkernel.jdbc;
    // the shared text formats and SQL helpers, for the JPA storage that writes the same tables
    exports dev.couponkernel.jdbc.internal to dev.couponkernel.jpa;

    opens db.couponkernel.h2;
    opens db.couponkernel.postgresql;
}
