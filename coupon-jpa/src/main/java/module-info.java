/**
 * Coupon Kernel JPA storage: the storage SPI on Jakarta Persistence 3.1, over the tables of
 * coupon-jdbc, joining the host's transaction when it has one. Optional: nothing else in the
 * library needs Jakarta Persistence.
 */
module dev.couponkernel.jpa {
    requires transitive dev.couponkernel.spi;
    requires transitive dev.couponkernel.jdbc;
    requires transitive jakarta.persistence;

    exports dev.couponkernel.jpa;
    // the provider reads and instantiates the entities; the host lists them in its persistence unit
    exports dev.couponkernel.jpa.entity;
    opens dev.couponkernel.jpa.entity;
}
